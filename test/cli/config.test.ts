// Where the CLI's settings come from: flags > environment variables > config file > default.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath, normaliseApiUrl, readConfig, resolveSettings, writeConfig } from '../../cli/config';

const file = { api: 'http://file:1/api', token: 'file-token', environment: { id: 'env-file', name: 'f' } };
const vars = { DROVER_API: 'http://env:2/api', DROVER_TOKEN: 'env-token', DROVER_ENV: 'env-var' };
const flags = { api: 'http://flag:3/api', token: 'flag-token', env: 'flag-env' };

describe('resolveSettings', () => {
  it.each([
    ['flags win over everything', flags, vars, file, ['http://flag:3/api', 'flag-token', 'flag-env', 'flag']],
    [
      'environment variables win over the file',
      {},
      vars,
      file,
      ['http://env:2/api', 'env-token', 'env-var', 'env'],
    ],
    [
      'the file is used when nothing else is set',
      {},
      {},
      file,
      ['http://file:1/api', 'file-token', 'env-file', 'config'],
    ],
    [
      'the local runtime is the default API',
      {},
      {},
      {},
      ['http://localhost:3000/api', undefined, undefined, 'default'],
    ],
  ])('%s', (_why, f, v, c, [api, token, environment, source]) => {
    const settings = resolveSettings(f, v, c);
    expect([settings.apiUrl, settings.token, settings.environment, settings.sources.apiUrl]).toEqual([
      api,
      token,
      environment,
      source,
    ]);
  });

  it('mixes sources per setting', () => {
    const settings = resolveSettings({ env: 'flag-env' }, { DROVER_TOKEN: 't' }, file);
    expect(settings.sources).toEqual({ apiUrl: 'config', token: 'env', environment: 'flag' });
  });
});

describe('normaliseApiUrl', () => {
  it.each([
    ['http://localhost:3000', 'http://localhost:3000/api'],
    ['http://localhost:3000/', 'http://localhost:3000/api'],
    ['http://localhost:3000/api/', 'http://localhost:3000/api'],
    ['https://drover.example.com/prod/api', 'https://drover.example.com/prod/api'],
  ])('%s → %s', (input, output) => expect(normaliseApiUrl(input)).toBe(output));

  it('refuses what is not an http(s) URL as a usage error', () => {
    expect(() => normaliseApiUrl('localhost:3000')).toThrow(/http or https|not a URL/);
    expect(() => normaliseApiUrl('nope')).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});

describe('the config file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drover-config-'));

  it('lives at DROVER_CONFIG, else under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ DROVER_CONFIG: '/x/c.json' })).toBe('/x/c.json');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg' })).toBe('/xdg/drover/config.json');
    expect(configPath({})).toMatch(/\.config\/drover\/config\.json$/);
  });

  it('is written owner-only, tightening a file that was readable by others', () => {
    const path = join(dir, 'nested', 'config.json');
    writeConfig(path, { token: 'a' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    const loose = join(dir, 'loose.json');
    writeFileSync(loose, '{}', { mode: 0o644 });
    writeConfig(loose, { token: 'b' });
    expect(statSync(loose).mode & 0o777).toBe(0o600);
    expect(readConfig(loose)).toEqual({ token: 'b' });
  });

  it('reads a missing file as empty and a broken one as an error', () => {
    expect(readConfig(join(dir, 'absent.json'))).toEqual({});
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{not json');
    expect(() => readConfig(broken)).toThrow(/not a JSON object/);
    expect(readFileSync(broken, 'utf8')).toBe('{not json');
  });
});
