// `drover vars …` with the real CLI process against the local runtime: set, get and unset at each
// kind of scope, hidden values masked, the resolved view of a farm role with origins, refusals
// from the API as exit codes, and a stale write retried once. No terminal, so no colour.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { apiClient } from '../support/api-client';
import { startTestRuntime } from '../support/local-runtime';
import { type CliHome, cliHome } from './cli-process';

let rt: LocalRuntime;
let home: CliHome;
let env: Record<string, string>;
let farmName: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  env = { DROVER_API: rt.apiUrl, DROVER_TOKEN: rt.demo.token };
  home = cliHome();
  const farm = await apiClient(rt.apiUrl, rt.demo.token).get(`/v1/farms/${rt.demo.farmId}`);
  farmName = farm.body.name;
});
afterAll(() => rt?.stop());

const drover = (...args: string[]) => home.run(args, { env });

describe('drover vars', () => {
  it('says when a scope has no variables, on stderr', async () => {
    const res = await drover('vars', 'get');
    expect(res).toMatchObject({ code: 0, stdout: '' });
    expect(res.stderr).toMatch(/No variables on environment/);
  });

  it('sets variables with flags at the environment and lists them, hidden values masked', async () => {
    expect((await drover('vars', 'set', 'LOG_LEVEL=info', '--description', 'how chatty')).code).toBe(0);
    const secret = await drover('vars', 'set', 'DB_PASSWORD=hunter2', '--hidden', '--scope', 'env');
    expect(secret.code).toBe(0);
    expect(secret.stderr).toMatch(/Set DB_PASSWORD on environment .* \(version 2\)/);
    expect(secret.stdout).not.toContain('hunter2');
    const res = await drover('vars', 'get');
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+VALUE\s+FLAGS\s+PATTERN\s+DESCRIPTION$/);
    expect(lines[1]).toMatch(/^LOG_LEVEL\s+info\s+how chatty$/);
    expect(lines[2]).toMatch(/^DB_PASSWORD\s+\*{6}\s+hidden$/);
    expect(res.stdout).not.toContain('hunter2');
  });

  it('changes one variable and keeps the hidden value of another it sent back masked', async () => {
    expect((await drover('vars', 'set', 'LOG_LEVEL=warn', '--final')).code).toBe(0);
    const json = JSON.parse((await drover('vars', 'get', '-o', 'json')).stdout);
    expect(json.variables).toEqual([
      expect.objectContaining({ name: 'LOG_LEVEL', value: 'warn', final: true, description: 'how chatty' }),
      expect.objectContaining({ name: 'DB_PASSWORD', value: '******', hidden: true }),
    ]);
    const set = await rt.deps.store.variables.get(rt.demo.accountId, {
      scope: 'environment',
      environmentId: rt.demo.environmentId,
    });
    expect(set.variables.find((v) => v.name === 'DB_PASSWORD')?.value).toBe('hunter2');
  });

  it('sets at the account, a farm and a farm role, and shows the resolved values with their origins', async () => {
    expect((await drover('vars', 'set', 'REGION=eu', '--scope', 'account')).code).toBe(0);
    expect((await drover('vars', 'set', 'REGION=us', '--scope', 'farm', farmName)).code).toBe(0);
    expect((await drover('vars', 'set', 'PORT=8080', '--scope', `farm-role=${farmName}/web`)).code).toBe(0);
    const res = await drover('vars', 'get', '--resolved', '--scope', 'farm-role', `${farmName}/web`);
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+VALUE\s+FROM\s+OVERRIDES\s+FLAGS\s+PROBLEMS$/);
    expect(lines.find((l) => l.startsWith('REGION'))).toMatch(/^REGION\s+us\s+farm\s+account=eu$/);
    expect(lines.find((l) => l.startsWith('PORT'))).toMatch(/^PORT\s+8080\s+farm-role$/);
    expect(lines.find((l) => l.startsWith('DB_PASSWORD'))).toMatch(/^DB_PASSWORD\s+\*{6}\s+env\s+hidden$/);
    expect(res.stdout).not.toContain('hunter2');
  });

  it('answers the API refusal of an override of a final variable with exit 1 and the reason', async () => {
    const res = await drover('vars', 'set', 'LOG_LEVEL=debug', '--scope', 'farm', farmName);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/final at environment scope/);
    expect(res.stderr).toMatch(/variables\.1\.value/);
  });

  it('unsets a variable, and says so when it is not there', async () => {
    const res = await drover('vars', 'unset', 'PORT', '--scope', 'farm-role', `${farmName}/web`);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/Removed PORT from farm role/);
    const again = await drover('vars', 'unset', 'PORT', '--scope', 'farm-role', `${farmName}/web`);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Variable "PORT" not found/);
  });

  it('applies its change again, once, when someone else wrote the scope between its read and its write', async () => {
    // A proxy in front of the API that, before passing on the CLI's first PUT, lets another client write.
    const other = apiClient(rt.apiUrl, rt.demo.token);
    const path = `/v1/environments/${rt.demo.environmentId}/variables`;
    let raced = false;
    const proxy: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (req.method === 'PUT' && !raced) {
        raced = true;
        const read = await other.get(path);
        const variables = [...read.body.variables, { name: 'WRITTEN_MEANWHILE', value: 'x' }];
        expect((await other.put(path, { variables }, { 'if-match': read.headers.get('etag')! })).status).toBe(
          200,
        );
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      ) as Record<string, string>;
      const answer = await fetch(`${rt.apiUrl}${req.url!.replace(/^\/api/, '')}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const viaProxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api`;
    try {
      const res = await home.run(['vars', 'set', 'RACED=1'], { env: { ...env, DROVER_API: viaProxy } });
      expect(res.code).toBe(0);
      expect(res.stderr).toMatch(/changed meanwhile; applying the change again/);
      const names = (await other.get(path)).body.variables.map((v: { name: string }) => v.name);
      expect(names).toEqual(expect.arrayContaining(['WRITTEN_MEANWHILE', 'RACED']));
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('refuses a malformed scope as a usage error', async () => {
    expect((await drover('vars', 'get', '--scope', 'galaxy')).code).toBe(2);
    expect((await drover('vars', 'get', '--scope', 'farm')).code).toBe(2);
    expect((await drover('vars', 'get', '--resolved')).code).toBe(2);
  });
});
