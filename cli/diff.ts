// What `drover apply` would change in a farm: a list of changes with field paths, computed
// from the stored spec and the file's. Farm roles are matched by alias (what people name them
// by), not by position, so reordering a file changes nothing and a new tier reads as added.
// The diff itself is the domain's (functions/domain/document-diff.ts), shared with the audit log.
import { type Change, diffDocuments, isObject } from '../functions/domain/document-diff';
import type { FarmSpec } from '../functions/domain/schemas';
import type { Palette } from './output';

export type { Change } from '../functions/domain/document-diff';

type Json = unknown;

/** The writable part of a farm (what a file declares); server-only fields are left out. */
export function specOf(farm: FarmSpec): FarmSpec {
  return {
    name: farm.name,
    description: farm.description,
    leaseExpiresAt: farm.leaseExpiresAt,
    farmRoles: farm.farmRoles,
  };
}

export function diffFarmSpec(before: FarmSpec | undefined, after: FarmSpec): Change[] {
  // A new farm reads as its name, description, lease and one line per farm role.
  const base: FarmSpec = before ?? { name: '', description: '', leaseExpiresAt: null, farmRoles: [] };
  const changes = diffDocuments(specOf(base), specOf(after));
  return before ? changes : changes.map((c) => ({ path: c.path, kind: 'added', after: c.after }));
}

/** A farm role in one line: what a person needs to recognise it. */
function summary(value: Json): string {
  if (isObject(value) && typeof value.alias === 'string' && typeof value.platform === 'string')
    return `${value.platform} ${value.region} ${value.instanceType}, ${value.minInstances}..${value.maxInstances} instances`;
  return JSON.stringify(value);
}

export function renderChanges(changes: Change[], p: Palette): string {
  return changes
    .map((c) => {
      if (c.kind === 'added') return p.green(`  + ${c.path}: ${summary(c.after)}`);
      if (c.kind === 'removed') return p.red(`  - ${c.path}: ${summary(c.before)}`);
      return `  ${p.yellow('~')} ${c.path}: ${p.red(summary(c.before))} → ${p.green(summary(c.after))}`;
    })
    .map((line) => `${line}\n`)
    .join('');
}
