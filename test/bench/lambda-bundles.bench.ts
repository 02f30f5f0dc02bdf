// Lambda bundle sizes: each API group's entry and the reconciler, bundled as infra/ does
// (esbuild, ESM, minified, node22), so a dependency that bloats cold starts shows up here.
// Run: npx tsx test/bench/lambda-bundles.bench.ts
import { build } from 'esbuild';
import { API_GROUPS } from '../../functions/contract/routes';
import { invokedDirectly } from './measure';

const ENTRIES = [
  ...API_GROUPS.map((g) => ({ name: `api/${g}`, entry: `functions/handlers/api/${g}.ts` })),
  { name: 'reconcile', entry: 'functions/handlers/reconcile.ts' },
];

export async function main(): Promise<void> {
  const rows = [];
  for (const { name, entry } of ENTRIES) {
    const started = performance.now();
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      keepNames: true,
      write: false,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    }).catch((err: Error) => ({ outputFiles: [], error: err.message }));
    const bytes = result.outputFiles.reduce((n, f) => n + f.contents.byteLength, 0);
    rows.push({
      function: name,
      'bundle MB': (bytes / 1e6).toFixed(2),
      'build ms': Math.round(performance.now() - started),
    });
  }
  console.log('Lambda bundles (esbuild, ESM, minified, without source maps):');
  console.table(rows);
}

if (invokedDirectly(import.meta.url)) await main();
