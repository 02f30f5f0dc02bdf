// The finders behind the house-rule tests, on small files written for the purpose: a rule test
// that finds nothing proves nothing unless the finder is known to find.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cycleKey, importCycles } from './import-cycles';
import { headerGivesReason, lineCount, unexplainedLongFile } from './long-files';
import { longFunctionsIn } from './long-functions';

const root = mkdtempSync(path.join(tmpdir(), 'house-rules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): string {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  return file;
}

const lines = (count: number, line = '  work();') => Array.from({ length: count }, () => line).join('\n');

describe('longFunctionsIn', () => {
  it.each([
    ['a declaration', (body: string) => `export function plan() {\n${body}\n}\n`, 'plan'],
    ['an arrow assigned to a name', (body: string) => `export const plan = () => {\n${body}\n};\n`, 'plan'],
    [
      'a method, named with its class',
      (body: string) => `class Planner {\n  plan() {\n${body}\n  }\n}\n`,
      'Planner.plan',
    ],
    [
      'a constructor',
      (body: string) => `class Stack {\n  constructor() {\n${body}\n  }\n}\n`,
      'Stack.constructor',
    ],
    [
      'a callback, named by its call',
      (body: string) => `useEffect(() => {\n${body}\n});\n`,
      'useEffect(callback)',
    ],
    [
      'an inner function, named with its outer one',
      (body: string) => `function outer() {\n  const inner = () => {\n${body}\n  };\n}\n`,
      'outer.inner',
    ],
  ])('finds %s whose body runs past the limit', (_kind, source, name) => {
    const file = write(`long-${name.replace(/\W/g, '-')}.ts`, source(lines(79)));
    const found = longFunctionsIn(root, file, 80);
    expect(found.map((entry) => entry.key)).toContain(`${file}#${name}`);
    expect(found.find((entry) => entry.key === `${file}#${name}`)?.lines).toBe(81);
  });

  it('lets a body of exactly the limit pass (opening and closing lines counted)', () => {
    const file = write('at-limit.ts', `export function plan() {\n${lines(78)}\n}\n`);
    expect(longFunctionsIn(root, file, 80)).toEqual([]);
  });

  it('reads TSX components', () => {
    const file = write(
      'page.tsx',
      `export function Page() {\n  return (\n    <div>\n${lines(80, '      <p>row</p>')}\n    </div>\n  );\n}\n`,
    );
    expect(longFunctionsIn(root, file, 80).map((entry) => entry.key)).toEqual([`${file}#Page`]);
  });
});

describe('unexplainedLongFile', () => {
  it('names a long file with no reason in its header', () => {
    const file = write('long-file.ts', `// A module.\n${lines(300, 'work();')}\n`);
    expect(unexplainedLongFile(root, file, 300)).toEqual({ file, lines: 301 });
  });

  it('accepts a `// Long because:` line in the header, after a `use client` line too', () => {
    const file = write(
      'explained.tsx',
      `'use client';\n// A form.\n// Long because: one field list the API shares.\n${lines(300, 'x();')}\n`,
    );
    expect(unexplainedLongFile(root, file, 300)).toBeUndefined();
  });

  it.each([
    ['a reason below the header', `${lines(20, '// filler')}\n// Long because: too late to count.\n`],
    ['an empty reason', '// Long because:\n'],
    ['another wording', '// This file is long since it must be.\n'],
  ])('does not take %s as a reason', (_case, header) => {
    expect(headerGivesReason(`${header}${lines(10, 'x();')}`)).toBe(false);
  });

  it('counts lines without the final newline', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
  });
});

describe('importCycles', () => {
  it('finds a cycle through a type-only import, and none once it is broken', async () => {
    write('graph/a.ts', "import type { B } from './b';\nexport type A = { b?: B };\n");
    write('graph/b.ts', "import type { A } from './a';\nexport type B = { a?: A };\n");
    write('graph/c.ts', "import type { A } from './a';\nexport type C = A;\n");
    expect(await importCycles(root, ['graph/**/*.ts'])).toEqual(['graph/a.ts -> graph/b.ts -> graph/a.ts']);
    write('graph/b.ts', 'export type B = { a?: unknown };\n');
    expect(await importCycles(root, ['graph/**/*.ts'])).toEqual([]);
  });

  it('names a cycle the same whichever file it was entered by', () => {
    expect(cycleKey(['y.ts', 'z.ts', 'x.ts'])).toBe('x.ts -> y.ts -> z.ts -> x.ts');
  });
});
