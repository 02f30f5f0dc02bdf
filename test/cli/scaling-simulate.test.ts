// `drover scaling simulate` on a recorded trace (fixtures/scaling): 90 minutes of a web tier —
// a CPU surge, a queue burst, quiet — replayed through the real bin, with no API at all.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../cli/exit-codes';
import { run } from '../../cli/main';
import { ScaleDecision } from '../../functions/domain/schemas/scaling-decision';
import { type CliResult, cliHome } from './cli-process';

const fixtures = resolve(import.meta.dirname, 'fixtures/scaling');
const FARM = join(fixtures, 'farm.yaml');
const TRACE = join(fixtures, 'trace.json');
const cli = cliHome();
// No API anywhere: a simulation that tried to call one would fail.
const offline = { env: { DROVER_API: 'http://127.0.0.1:9/api' } };

let decisions: ScaleDecision[];
let table: CliResult;

beforeAll(async () => {
  const [asJson, asTable] = await Promise.all([
    cli.run(['scaling', 'simulate', '-f', FARM, '--metrics', TRACE, '-o', 'json'], offline),
    cli.run(['scaling', 'simulate', '-f', FARM, '--metrics', TRACE], offline),
  ]);
  expect(asJson.stderr).toContain('Replayed 91 steps');
  expect(asJson.code).toBe(ExitCode.Ok);
  decisions = ScaleDecision.array().parse(JSON.parse(asJson.stdout));
  table = asTable;
}, 60_000);

const at = (hhmm: string) => decisions.find((d) => d.at === `2026-06-10T${hhmm}:00.000Z`)!;

describe('drover scaling simulate', () => {
  it('prints one row per minute, the rules as columns, and a summary on stderr', () => {
    expect(table.code).toBe(ExitCode.Ok);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+CPU\s+JOBS\s+SERVERS\s+BOUNDS\s+DESIRED\s+ACTION\s+WHY$/);
    expect(lines).toHaveLength(92);
    expect(lines.find((l) => l.startsWith('2026-06-10 10:00'))).toMatch(
      /700 out\s+2\s+2-8\s+4\s+\+2\s+step$/,
    );
    expect(table.stderr).toBe('Replayed 91 steps: 3 scale-outs (+6), 3 scale-ins (-6); 2 to 7 servers.\n');
  });

  it('scales out on the CPU surge after two breaches, and the new server takes its share', () => {
    expect(at('09:17')).toMatchObject({
      desired: 2,
      rules: [expect.objectContaining({ direction: 'out', vote: 'hold' }), expect.anything()],
    });
    expect(at('09:18')).toMatchObject({ current: 2, desired: 3, direction: 'out' });
    expect(at('09:19')).toMatchObject({ current: 3, ready: 2 });
    expect(Math.abs(at('09:30').rules[0]!.value! - 60)).toBeLessThan(2); // 90% over 2 servers is 60% over 3
    expect(at('09:30')).toMatchObject({ desired: 3, direction: 'hold' });
  });

  it('holds the queue burst to a step, then the cooldown, then the rest', () => {
    expect(at('10:00')).toMatchObject({ current: 2, desired: 4, limitedBy: ['step'] });
    expect(at('10:01')).toMatchObject({ current: 4, desired: 4, limitedBy: ['cooldown'] });
    expect(at('10:02')).toMatchObject({ current: 4, desired: 7, direction: 'out' });
  });

  it('scales in only once every rule agrees and the stabilization window has passed', () => {
    expect(at('10:09')).toMatchObject({ desired: 7, limitedBy: ['min', 'stabilization'] });
    expect(at('10:17')).toMatchObject({ desired: 7, limitedBy: ['min', 'stabilization'] });
    expect(at('10:18')).toMatchObject({ current: 7, desired: 4, limitedBy: ['min', 'step'] });
    expect(at('10:19')).toMatchObject({ desired: 4, limitedBy: ['min', 'cooldown'] });
    expect(at('10:23')).toMatchObject({ current: 4, desired: 2 });
    expect(decisions.at(-1)).toMatchObject({ desired: 2 });
  });

  it('never leaves the bounds', () => {
    for (const d of decisions) expect(d.desired).toBeGreaterThanOrEqual(2);
    for (const d of decisions) expect(d.desired).toBeLessThanOrEqual(8);
  });

  it('refuses a trace out of time order at its field path, and an unknown farm role as usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drover-trace-'));
    const trace = JSON.parse(readFileSync(TRACE, 'utf8'));
    trace.points.reverse();
    writeFileSync(join(dir, 'trace.json'), JSON.stringify(trace));
    const [bad, unknown] = await Promise.all([
      cli.run(
        ['scaling', 'simulate', '-f', FARM, '--metrics', join(dir, 'trace.json'), '-o', 'json'],
        offline,
      ),
      cli.run(['scaling', 'simulate', '-f', FARM, '--metrics', TRACE, '--farm-role', 'cache'], offline),
    ]);
    expect(bad.code).toBe(ExitCode.Error);
    expect(JSON.parse(bad.stdout).issues[0]).toMatchObject({ in: 'file', path: 'points.1.at' });
    expect(unknown.code).toBe(ExitCode.Usage);
    expect(unknown.stderr).toContain('has no farm role "cache"');
  }, 60_000);

  it('colours the actions on a terminal, and not with NO_COLOR', async () => {
    const onTerminal = async (env: Record<string, string>) => {
      let out = '';
      const io = {
        stdout: { isTTY: true, write: (t: string) => (out += t) },
        stderr: { isTTY: true, write: () => true },
        env: { ...env, DROVER_CONFIG: cli.configPath },
      };
      expect(await run(['scaling', 'simulate', '-f', FARM, '--metrics', TRACE], io)).toBe(ExitCode.Ok);
      return out;
    };
    expect(await onTerminal({})).toContain('\x1b[32m+2\x1b[39m');
    expect(await onTerminal({ NO_COLOR: '1' })).not.toContain('\x1b[');
  });
});
