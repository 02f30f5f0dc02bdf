// A Lambda bundle's size and import time: built with the options infra/ deploys
// (infra/constructs/lambda-bundle.ts), written to a directory with no node_modules in reach, then
// imported by a fresh Node process with Lambda's NODE_OPTIONS (--enable-source-maps) that reports
// the import's wall time and CPU time (what a cold start pays before the handler runs). Three
// imports each; the median is kept, the machine being shared.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { LAMBDA_ENTRY_FILE, lambdaBuildOptions } from '../../../infra/constructs/lambda-bundle';

export interface BundleFigures {
  name: string;
  /** Every output file (entry, chunks), without source maps: what the asset holds. */
  totalBytes: number;
  /** The entry and the chunks it imports statically: what Node reads at import. */
  importedBytes: number;
  /** Chunks loaded only by a dynamic import (a cloud's SDK). */
  lazyChunks: number;
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

/** The bytes Node reads when it imports `entry`: the file and its static imports, transitively. */
export function bytesAtImport(metafile: Metafile, entry: string): { imported: number; lazy: number } {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
  const byName = new Map(outputs.map(([file, output]) => [basename(file), output]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const i of byName.get(name)?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) visit(basename(i.path));
  };
  visit(entry);
  let imported = 0;
  for (const name of seen) imported += byName.get(name)?.bytes ?? 0;
  return { imported, lazy: outputs.length - seen.size };
}

/** `splitting: false` is the one-file bundle shipped before code splitting (the "before"). */
export async function bundleFigures(
  name: string,
  entry: string,
  options: { splitting: boolean; runs?: number },
): Promise<BundleFigures> {
  const runs = options.runs ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'drover-bundle-'));
  try {
    const { metafile } = await build(lambdaBuildOptions(entry, dir, { splitting: options.splitting }));
    const outputs = Object.entries(metafile!.outputs).filter(([file]) => file.endsWith('.mjs'));
    const { imported, lazy } = bytesAtImport(metafile!, LAMBDA_ENTRY_FILE);
    const samples = Array.from({ length: runs }, () => {
      const out = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', PROBE, join(dir, LAMBDA_ENTRY_FILE)],
        {
          cwd: dir,
          // Lambda's NODE_OPTIONS (function-factory.ts): Node then reads each file's source map.
          env: {
            ...process.env,
            AWS_REGION: 'us-east-1',
            POWERTOOLS_LOG_LEVEL: 'ERROR',
            NODE_OPTIONS: '--enable-source-maps',
          },
          encoding: 'utf8',
        },
      );
      return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; cpuMs: number };
    });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      name,
      totalBytes: outputs.reduce((n, [, o]) => n + o.bytes, 0),
      importedBytes: imported,
      lazyChunks: lazy,
      importMs: median(samples.map((s) => s.ms)),
      importCpuMs: median(samples.map((s) => s.cpuMs)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
