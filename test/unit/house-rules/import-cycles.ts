// Finds import cycles with dpdm (the lead's choice of cycle finder), read as data rather than
// through its CLI so a failing test can list each cycle. Type-only imports count: a cycle through
// types still ties two modules together and is what area D untangles.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

/** One cycle as `a.ts -> b.ts -> a.ts`, starting at its alphabetically first file so it is stable. */
export function cycleKey(cycle: readonly string[]): string {
  const start = cycle.indexOf([...cycle].sort()[0] ?? '');
  const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
  return [...rotated, rotated[0]].join(' -> ');
}

/** The import cycles among the files matched by `globs` (repo-relative), as cycle keys, sorted. */
export async function importCycles(root: string, globs: readonly string[]): Promise<string[]> {
  const present = globs.filter((glob) => existsSync(path.join(root, glob.split('/')[0] ?? '')));
  const tree = await parseDependencyTree(present, {
    context: root,
    cwd: root,
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
  });
  return parseCircular(tree)
    .map(cycleKey)
    .filter((key, index, keys) => keys.indexOf(key) === index)
    .sort();
}
