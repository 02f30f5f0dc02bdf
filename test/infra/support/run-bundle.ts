// Starts a fresh Node 22 process (node_modules/.bin/node, the version Lambda's nodejs22.x runs)
// that imports one synthesized bundle and invokes its handler (invoke-bundle.mjs). The process
// gets only what Lambda would give it: the template's environment, with each deploy-time
// expression replaced by its local counterpart, and the runtime's own variables.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../infra/config';
import type { SynthesizedFunction } from './synth-bundles';

const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const RUNNER = path.join(REPO_ROOT, 'test/infra/support/invoke-bundle.mjs');

export interface Invocation {
  event: unknown;
  /** What context.getRemainingTimeInMillis() starts from (default: the function's timeout). */
  remainingMs?: number;
}

export type InvocationResult = { ok: true; value: any } | { ok: false; error: string };

export interface BundleRun {
  importMs: number;
  results: InvocationResult[];
  /** The function's log (stdout and stderr), for failure messages. */
  log: string;
}

/**
 * The environment Lambda would give the function: every template variable, those CloudFormation
 * resolves at deploy time (Ref, GetAtt, dynamic references) taken from `local`. A variable the
 * template sets with an expression `local` does not name fails here, not silently in the bundle.
 */
export function lambdaEnvironment(
  fn: SynthesizedFunction,
  local: Record<string, string>,
  runtime: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (name in local) env[name] = local[name]!;
    else if (typeof value === 'string') env[name] = value;
    else throw new Error(`${fn.logicalId}: ${name} is resolved at deploy time; say what it is locally`);
  }
  return {
    ...runtime,
    AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    LAMBDA_TASK_ROOT: fn.dir,
    // An unsampled trace, as Lambda sets for every invocation with active tracing.
    _X_AMZN_TRACE_ID: 'Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0',
    TZ: ':UTC',
    ...env,
  };
}

export async function runBundle(
  fn: SynthesizedFunction,
  env: Record<string, string>,
  invocations: Invocation[],
): Promise<BundleRun> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'drover-invoke-'));
  const invocationsFile = path.join(work, 'invocations.json');
  const outcomeFile = path.join(work, 'outcome.json');
  writeFileSync(
    invocationsFile,
    JSON.stringify(
      invocations.map((i) => ({ event: i.event, remainingMs: i.remainingMs ?? fn.timeoutSeconds * 1000 })),
    ),
  );
  const entry = path.join(fn.dir, `${fn.handler.split('.')[0]}.mjs`);
  let log = '';
  let outcome: { importError?: string; importMs: number; results: InvocationResult[] };
  try {
    const out = await promisify(execFile)(NODE, [RUNNER, entry, invocationsFile, outcomeFile], {
      cwd: fn.dir,
      // Only what Lambda gives: nothing of this process's environment.
      env: env as NodeJS.ProcessEnv,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    log = `${out.stdout}${out.stderr}`;
    outcome = JSON.parse(readFileSync(outcomeFile, 'utf8'));
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${fn.logicalId}: the process failed: ${failed.message}\n${failed.stdout}${failed.stderr}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (outcome.importError)
    throw new Error(`${fn.logicalId}: importing the bundle failed: ${outcome.importError}`);
  return { importMs: outcome.importMs, results: outcome.results, log };
}
