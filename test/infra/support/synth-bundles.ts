// Runs `cdk synth` (the CDK CLI and the app of cdk.json, cdk-nag included) into a temporary
// cloud assembly — bundling on, so every function is built by the factory's local esbuild step
// (infra/constructs/lambda-bundle.ts: index.mjs and a chunk per dynamic import), exactly what a
// deploy uploads — and says where each Drover function's bundle landed, which of its files Node
// reads at import, and what its template gives it: handler, memory, environment.
// The CLI's output (esbuild's lines per asset) is kept for a failure message only.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../infra/config';

export interface SynthesizedFunction {
  logicalId: string;
  description: string;
  /** The asset directory: what Lambda unpacks in /var/task. */
  dir: string;
  /** `index.handler`. */
  handler: string;
  memorySize: number;
  timeoutSeconds: number;
  /** As in the template: strings, or CloudFormation expressions resolved at deploy time. */
  environment: Record<string, unknown>;
  /** Every .mjs file of the asset (entry and chunks). */
  bundleBytes: number;
  /** index.mjs and the chunks it imports statically, transitively: what a cold start reads. */
  filesAtImport: string[];
  bytesAtImport: number;
  /** Chunks only a dynamic import loads (a cloud's SDK). */
  lazyFiles: string[];
}

// Minified ESM: `import{a as b}from"./chunk-X.mjs"` or `import"./chunk-X.mjs"` is static;
// `import("./chunk-X.mjs")` is dynamic and does not match (a parenthesis comes first).
const STATIC_CHUNK_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/(chunk-[\w-]+\.mjs)["']/g;

/** The files Node reads when it imports the asset's index.mjs, following static imports. */
export function filesAtImport(dir: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(STATIC_CHUNK_IMPORT)) visit(m[1]!);
  };
  visit('index.mjs');
  return [...seen];
}

export interface SynthesizedBundles {
  outdir: string;
  functions: SynthesizedFunction[];
}

export async function synthBundles(context: Record<string, string>): Promise<SynthesizedBundles> {
  // Under the system temp directory: no node_modules above it, as in /var/task.
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'drover-bundles-'));
  const args = ['synth', '--quiet', '--no-notices', '--output', outdir];
  for (const [key, value] of Object.entries(context)) args.push('--context', `${key}=${value}`);
  try {
    await promisify(execFile)(path.join(REPO_ROOT, 'node_modules/.bin/cdk'), args, {
      cwd: REPO_ROOT,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`cdk synth failed: ${failed.message}\n${failed.stdout}${failed.stderr}`);
  }
  const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
  if (templates.length !== 1) throw new Error(`expected one stack template in ${outdir}, found ${templates}`);
  const template = JSON.parse(readFileSync(path.join(outdir, templates[0]!), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  };
  const functions = Object.entries(template.Resources)
    .filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith('Drover'),
    )
    .map(([logicalId, { Properties: p }]) => {
      // The asset's S3 key is `<hash>.zip`; its staged directory is `asset.<hash>`.
      const dir = path.join(outdir, `asset.${String(p.Code.S3Key).replace(/\.zip$/, '')}`);
      const entry = path.join(dir, 'index.mjs');
      if (!existsSync(entry)) throw new Error(`${logicalId}: no bundle at ${entry}`);
      const files = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
      const atImport = filesAtImport(dir);
      const size = (f: string) => statSync(path.join(dir, f)).size;
      return {
        logicalId,
        description: String(p.Description),
        dir,
        handler: String(p.Handler),
        memorySize: Number(p.MemorySize ?? 128),
        timeoutSeconds: Number(p.Timeout ?? 3),
        environment: (p.Environment?.Variables ?? {}) as Record<string, unknown>,
        bundleBytes: files.reduce((n, f) => n + size(f), 0),
        filesAtImport: atImport,
        bytesAtImport: atImport.reduce((n, f) => n + size(f), 0),
        lazyFiles: files.filter((f) => !atImport.includes(f)),
      };
    });
  return { outdir, functions };
}
