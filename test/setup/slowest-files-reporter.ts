// A vitest reporter that ends a run with its slowest test files, so the files that push `npm test`
// towards its 15-minute budget on 2 cores are named in every run's log (CI's included).
// A file's time is its wall time in its worker: environment, set-up, import and every test and hook.
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const SHOWN = 10;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`.padStart(8);
}

function fileTime(module: TestModule): number {
  const d = module.diagnostic();
  return d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration;
}

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    // One file's run needs no ranking.
    if (modules.length < 2) return;
    const slowest = [...modules].sort((a, b) => fileTime(b) - fileTime(a)).slice(0, SHOWN);
    const lines = slowest.map(
      (m) =>
        `${seconds(fileTime(m))}  ${m.project.name.padEnd(11)} ${path.relative(process.cwd(), m.moduleId)}`,
    );
    process.stdout.write(
      `\nSlowest ${slowest.length} of ${modules.length} test files:\n${lines.join('\n')}\n`,
    );
  }
}
