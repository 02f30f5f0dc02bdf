// The route table is the API contract: code calls the API through the client generated from it
// (functions/contract/client.ts), never through a path written by hand. This fails when a string
// literal starting `/api/v1` or `/v1` appears in functions/ (outside the contract), cli/, agent/
// or frontend/. Comments are not code and are left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const SCANNED = ['functions', 'cli', 'agent', 'frontend'];
const SKIPPED_DIRS = new Set(['node_modules', '.next', 'out', 'contract']);

/**
 * Files still holding hand-written paths, each with why (empty: the portal, the CLI and the agent
 * are all on the generated client; a file goes here only while a change moving it is under way).
 */
const PENDING = new Set<string>([]);

const HAND_WRITTEN_PATH = /(['"`])\/(?:api\/)?v1(?:[/?{$]|\1)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The code without its comments (a `//` after a quote or colon, as in a URL, is kept). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function offenders(): string[] {
  return SCANNED.flatMap((dir) => sourceFiles(join(root, dir)))
    .filter((file) => HAND_WRITTEN_PATH.test(withoutComments(readFileSync(file, 'utf8'))))
    .map((file) => relative(root, file));
}

describe('API paths', () => {
  it('are written only in the route table (functions/contract)', () => {
    expect(offenders().filter((file) => !PENDING.has(file))).toEqual([]);
  });

  it('the pending list names only files that still need it', () => {
    expect([...PENDING].filter((file) => !offenders().includes(file))).toEqual([]);
  });

  it.each([
    ["api.get('/v1/farms')", true],
    ['fetch(`/api/v1/farms/${id}`)', true],
    ["const API_BASE = '/api/v1';", true],
    ["// GET '/api/v1/farms' in a comment", false],
    ["const versioned = 'v1';", false],
  ])('recognises %s: %s', (code, found) => {
    expect(HAND_WRITTEN_PATH.test(withoutComments(code))).toBe(found);
  });
});
