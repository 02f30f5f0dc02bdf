// Every Drover Lambda's bundle, before and after code splitting: size and import time in a fresh
// Node with Lambda's NODE_OPTIONS, built with the options infra/ deploys (lambda-bundle.ts).
// "one file" is the bundle shipped before (esbuild to one --outfile, as NodejsFunction does);
// "split" is what the function factory deploys now (a chunk per dynamic import).
// Run: npm run bench -- lambda-bundles   (BENCH_BUNDLES=reconcile,api/servers for some)
import { API_GROUPS } from '../../functions/contract/routes';
import { invokedDirectly } from './measure';
import { bundleFigures } from './support/bundle-import';

export const LAMBDA_ENTRIES: readonly { name: string; entry: string }[] = [
  { name: 'reconcile', entry: 'functions/handlers/reconcile.ts' },
  ...API_GROUPS.map((g) => ({ name: `api/${g}`, entry: `functions/handlers/api/${g}.ts` })),
  { name: 'dispatcher', entry: 'functions/handlers/webhooks.ts' },
  { name: 'orchestrator', entry: 'functions/handlers/orchestration.ts' },
  { name: 'agent-channel', entry: 'functions/handlers/agent-channel.ts' },
];

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

/** One line per bundle: one file (before) and split (after). */
export async function bundleLines(names?: readonly string[]): Promise<string[]> {
  const lines = [
    `${'function'.padEnd(18)} ${'one file: MB'.padStart(12)} ${'import ms (CPU)'.padStart(16)}   ${'split: MB at import / all'.padStart(26)} ${'lazy chunks'.padStart(11)} ${'import ms (CPU)'.padStart(16)}`,
  ];
  for (const { name, entry } of LAMBDA_ENTRIES) {
    if (names && !names.includes(name)) continue;
    const before = await bundleFigures(name, entry, { splitting: false });
    const after = await bundleFigures(name, entry, { splitting: true });
    const time = (f: typeof before) => `${Math.round(f.importMs)} (${Math.round(f.importCpuMs)})`;
    lines.push(
      `${name.padEnd(18)} ${mb(before.totalBytes).padStart(12)} ${time(before).padStart(16)}   ${`${mb(after.importedBytes)} / ${mb(after.totalBytes)}`.padStart(26)} ${String(after.lazyChunks).padStart(11)} ${time(after).padStart(16)}`,
    );
  }
  return lines;
}

export async function main(): Promise<void> {
  console.log(
    `Lambda bundles (esbuild, ESM, minified, node22; imported by Node ${process.version} with --enable-source-maps, median of 3):`,
  );
  const names = process.env.BENCH_BUNDLES?.split(',');
  for (const line of await bundleLines(names)) console.log(`   ${line}`);
}

if (invokedDirectly(import.meta.url)) await main();
