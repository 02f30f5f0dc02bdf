import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three tiers (docs/architecture.md §9). Integration and e2e tests start their own local parts
// (dynalite, sandbox clouds, the local API, a Chromium with its own profile) on ephemeral ports,
// so files of every project may run at the same time.
//
// One worker pool for all three projects (vitest requires the same maxWorkers for projects that
// run together). At least 2 workers even on 2 cores, where vitest's default (cores - 1) would
// run one file at a time: most integration and e2e time is waiting (sandbox boot timers,
// reconcile polls, HTTP, Chromium rendering), so a second file uses the otherwise idle core.
// `--maxWorkers=N` on the command line still overrides it.
const maxWorkers = Math.max(2, availableParallelism() - 1);

// Built once before any file runs, so parallel files never build them at the same time.
const AGENT_BUNDLE = './test/setup/agent-bundle.global.ts';
const PORTAL_EXPORT = './test/setup/portal-export.global.ts';

export default defineConfig({
  test: {
    // The default report, then the slowest files (what to look at when the run nears 15 minutes).
    reporters: ['default', './test/setup/slowest-files-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', maxWorkers } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/infra/**/*.test.ts', 'test/cli/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers,
          globalSetup: [AGENT_BUNDLE],
        },
      },
      {
        // Each e2e file starts its own runtime (its own options and demo data, which its tests
        // change), so files do not share one; they run in parallel once the portal export exists.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          maxWorkers,
          globalSetup: [AGENT_BUNDLE, PORTAL_EXPORT],
        },
      },
    ],
  },
});
