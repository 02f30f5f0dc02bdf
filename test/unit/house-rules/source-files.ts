// The source files the house rules apply to: everything we ship or run (backend, local runtime,
// sandbox clouds, CLI, agent, CDK app, portal), never tests, build output or dependencies.
import { globSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** The folders whose code must keep the rules (docs/architecture.md §3). */
export const SOURCE_ROOTS = ['functions', 'local', 'sandbox', 'cli', 'agent', 'infra', 'frontend'] as const;

const SOURCE_PATTERN = '**/*.{ts,tsx,mts,cts}';

// Generated or built files are not ours to shape; `.d.ts` files declare, they hold no logic.
const EXCLUDED = [
  /(^|\/)node_modules\//,
  /^frontend\/(out|\.next)\//,
  /(^|\/)(dist|cdk\.out)\//,
  /\.d\.ts$/,
  /\.(test|spec)\.tsx?$/,
];

/** Repo-relative paths (forward slashes), sorted, of the source files below the given roots. */
export function listSourceFiles(roots: readonly string[] = SOURCE_ROOTS): string[] {
  const files = roots.flatMap((root) =>
    globSync(`${root}/${SOURCE_PATTERN}`, { cwd: REPO_ROOT }).map((file) => file.split(path.sep).join('/')),
  );
  return files.filter((file) => !EXCLUDED.some((pattern) => pattern.test(file))).sort();
}
