// Makes sure frontend/out is the export of the current sources: builds the portal when there is
// no export or when a portal source, a shared schema it imports or the API contract its client is
// generated from (a route's path or schema) changed since the last one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const PORTAL_DIR = path.join(REPO_ROOT, 'frontend/out');

const SOURCES = ['frontend', 'functions/domain', 'functions/contract'];
const SKIP = new Set(['out', '.next', 'node_modules']);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Set by the e2e project's globalSetup once it has built the export: the files of that run, which
 * may run in parallel, then use that build as it is rather than each starting `next build` into
 * the same directory when a source changed meanwhile (one run tests one snapshot of the portal).
 */
export const PORTAL_BUILT_FOR_RUN = 'DROVER_PORTAL_BUILT_FOR_RUN';

export function ensurePortalBuilt(): string {
  if (process.env[PORTAL_BUILT_FOR_RUN] === PORTAL_DIR) return PORTAL_DIR;
  const index = path.join(PORTAL_DIR, 'index.html');
  const stale =
    !existsSync(index) ||
    SOURCES.some((dir) => newestMtime(path.join(REPO_ROOT, dir)) > statSync(index).mtimeMs);
  if (stale) {
    execFileSync('npm', ['run', '--silent', 'build:portal'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
  }
  return PORTAL_DIR;
}
