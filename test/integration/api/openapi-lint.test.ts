// The served OpenAPI document passes Redocly's recommended rules with no error and no warning:
// the document is fetched from the local API, written to a temp file and linted by the real
// @redocly/cli (offline: no config to fetch, telemetry and the update check off).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

const run = promisify(execFile);
const REDOCLY = path.resolve(import.meta.dirname, '../../../node_modules/@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: LintProblem[];
}

let rt: LocalRuntime;
let dir: string;
beforeAll(async () => {
  rt = await startTestRuntime();
  dir = await mkdtemp(path.join(tmpdir(), 'drover-openapi-lint-'));
});
afterAll(async () => {
  await rt?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `redocly lint --extends recommended --format json`; it exits 1 when there are errors, so read stdout either way. */
async function redoclyLint(file: string): Promise<LintReport> {
  const args = [REDOCLY, 'lint', '--extends', 'recommended', '--format', 'json', file];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  try {
    const { stdout } = await run(process.execPath, args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as LintReport;
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    if (!stdout) throw error;
    return JSON.parse(stdout) as LintReport;
  }
}

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules with no error or warning", async () => {
    const res = await apiClient(rt.apiUrl).get('/v1/openapi.json');
    expect(res.status).toBe(200);
    const file = path.join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(res.body));

    const report = await redoclyLint(file);
    const problems = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
