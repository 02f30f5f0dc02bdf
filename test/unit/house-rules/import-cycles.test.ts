// House rule (issue 19): no import cycle in the backend, the local runtime, the sandbox clouds,
// the CLI, the agent or the portal's library. Type-only imports count.
import { describe, expect, it } from 'vitest';
import { importCycles } from './import-cycles';
import { compareWithPending, describeOffenders } from './offender-report';
import { PENDING_IMPORT_CYCLES } from './pending-offenders';
import { REPO_ROOT } from './source-files';

const CHECKED = [
  'functions/**/*.ts',
  'local/**/*.ts',
  'sandbox/**/*.ts',
  'cli/**/*.ts',
  'agent/**/*.ts',
  'frontend/lib/**/*.{ts,tsx}',
];

describe('house rule: no import cycle', async () => {
  const report = compareWithPending(await importCycles(REPO_ROOT, CHECKED), PENDING_IMPORT_CYCLES);

  it('finds no import cycle that no area is breaking', () => {
    expect(report.unlisted, describeOffenders('import cycles', report.unlisted)).toEqual([]);
  });

  it('allow-lists only cycles that still exist', () => {
    expect(
      report.fixed,
      describeOffenders('broken already: remove from PENDING_IMPORT_CYCLES', report.fixed),
    ).toEqual([]);
  });
});
