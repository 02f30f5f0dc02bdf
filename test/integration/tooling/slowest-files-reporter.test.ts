// The reporter that ends `npm test` with its slowest files, run by a real vitest on a fixture of
// two files (one sleeps 1.5 s) with the reporter configured as vitest.config.ts configures it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const VITEST = path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');
const FIXTURE = path.join(import.meta.dirname, 'fixtures/slowest-files');

describe('the slowest-files reporter', () => {
  it('lists the files slowest first, with their times, after the run', async () => {
    const { stdout } = await run(process.execPath, [VITEST, 'run'], {
      cwd: FIXTURE,
      env: { ...process.env, NO_COLOR: '1', CI: 'true' },
    });
    const report = stdout.slice(stdout.indexOf('Slowest'));

    const lines =
      /^Slowest 2 of 2 test files:\n +(\d+\.\d) s +slow\.check\.ts\n +(\d+\.\d) s +fast\.check\.ts\n$/.exec(
        report,
      );
    expect(lines, report).not.toBeNull();
    const [, slow, fast] = lines ?? [];
    expect(Number(slow)).toBeGreaterThanOrEqual(1.5);
    expect(Number(fast)).toBeLessThan(Number(slow));
  }, 60_000);
});
