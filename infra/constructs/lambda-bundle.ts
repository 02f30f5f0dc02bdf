// How every Drover Lambda is bundled: esbuild, ESM, minified, node22, with code splitting. One
// set of options for the CDK asset (lambdaCode), the bundle benchmark and the bundles test, so
// what is measured is what is deployed.
//
// Why splitting: a cloud's SDK is imported dynamically (functions/adapters/clouds/lazy-driver.ts),
// but in one output file Node still parses all of it at import: the reconcile, credentials and
// servers bundles were ~35 MB (30 MB of it @google-cloud/compute) and took seconds to import.
// Split, a dynamic import is a chunk of its own, read only when a pass needs that cloud.
// NodejsFunction always bundles to one `--outfile`, which esbuild refuses with splitting (it
// needs an outdir), so the factory gives CDK this build as a local bundling step of a plain
// lambda.Function asset (the same Code.fromAsset + local esbuild NodejsFunction uses inside).

import path from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync } from 'esbuild';
import { REPO_ROOT } from '../config';

// ESM lacks what some CommonJS dependencies use, so every output file (entry and chunks) defines
// it: `require` for Node built-ins, and `__filename` and `__dirname` (google-gax computes
// `path.join(__dirname, …)` as @google-cloud/compute loads, which threw at import). They name
// the file's own path in /var/task: nothing is read from them at run time, as the GCE clients
// run in REST fallback mode, whose protos are JSON bundled in.
const ESM_BANNER = [
  "import { createRequire as __droverCreateRequire } from 'node:module';",
  "import { fileURLToPath as __droverFileURLToPath } from 'node:url';",
  "import { dirname as __droverDirname } from 'node:path';",
  'const require = __droverCreateRequire(import.meta.url);',
  'const __filename = __droverFileURLToPath(import.meta.url);',
  'const __dirname = __droverDirname(__filename);',
].join(' ');

/** The file Lambda loads for the handler `index.handler`. */
export const LAMBDA_ENTRY_FILE = 'index.mjs';

/**
 * esbuild options for one function: `entry` (relative to the repository root) becomes
 * `<outdir>/index.mjs`, each dynamic import a `chunk-<hash>.mjs` beside it. `splitting: false`
 * is the one-file bundle Drover shipped before, kept for the benchmark's before/after.
 */
export function lambdaBuildOptions(
  entry: string,
  outdir: string,
  options: { splitting?: boolean } = {},
): BuildOptions {
  return {
    entryPoints: { index: path.resolve(REPO_ROOT, entry) },
    outdir,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    splitting: options.splitting ?? true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: ESM_BANNER },
    minify: true,
    // Error classes answer their name as the problem `code`; minified names would leak as `$n`.
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    // The AWS SDK is bundled too: the versions we test with are the versions we run.
    external: [],
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * CDK's local bundling step for one entry. The entry is a field, not only a closure: CDK reuses a
 * bundle within a synth by a key made of the bundling options' data (JSON), so every function's
 * step must differ in its data, or all would get the first function's bundle.
 */
class LocalEsbuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    buildSync({ ...lambdaBuildOptions(this.entry, outputDir), metafile: false });
    return true;
  }
}

/** The function's code asset: the split bundle built by the local esbuild (never Docker). */
export function lambdaCode(entry: string): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type; never pulled: the local step always bundles.
      image: DockerImage.fromRegistry('dummy'),
      local: new LocalEsbuild(entry),
    },
  });
}
