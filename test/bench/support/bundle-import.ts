// A Lambda bundle's size and import time: bundled as infra/ bundles it (esbuild, ESM, minified,
// node22), written to a directory with no node_modules in reach, then imported by a fresh Node
// process that reports the import's wall time and CPU time (what a cold start pays before the
// handler runs). Three imports each; the median is kept, the machine being shared.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface BundleFigures {
  name: string;
  bytes: number;
  importMs: number;
  importCpuMs: number;
}

const PROBE = `
const cpu = process.cpuUsage();
const started = performance.now();
await import(process.argv[1]);
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));
`;

/**
 * `splitting`: esbuild's code splitting (ESM chunks), so a dynamic import (lazy-driver.ts) is its
 * own file, parsed only when loaded; `bytes` is then the entry chunk's.
 */
export async function bundleFigures(
  name: string,
  entry: string,
  options: { splitting?: boolean; runs?: number } = {},
): Promise<BundleFigures> {
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'drover-bundle-'));
  try {
    await build({
      entryPoints: { index: entry },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      splitting: options.splitting ?? false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      keepNames: true,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const file = join(dir, 'index.mjs');
    const samples = Array.from({ length: runs }, () => {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, file], {
        cwd: dir,
        env: { ...process.env, AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; cpuMs: number };
    });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      name,
      bytes: statSync(file).size,
      importMs: median(samples.map((s) => s.ms)),
      importCpuMs: median(samples.map((s) => s.cpuMs)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
