// What `drover apply` would change in a farm: a list of changes with field paths, computed
// from the stored spec and the file's. Farm roles are matched by alias (what people name them
// by), not by position, so reordering a file changes nothing and a new tier reads as added.
import type { FarmSpec } from '../functions/domain/schemas';
import type { Palette } from './output';

export interface Change {
  /** `description`, `farmRoles[web].maxInstances`, `farmRoles[web].tags.team`… */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

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
  const changes: Change[] = [];
  // A new farm reads as its name, description, lease and one line per farm role.
  const base: FarmSpec = before ?? { name: '', description: '', leaseExpiresAt: null, farmRoles: [] };
  diffValue('', specOf(base), specOf(after), changes);
  return before ? changes : changes.map((c) => ({ path: c.path, kind: 'added', after: c.after }));
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isKeyedByAlias = (value: Json): value is Record<string, Json>[] =>
  Array.isArray(value) && value.every((v) => isObject(v) && typeof v.alias === 'string');

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function diffValue(path: string, before: Json, after: Json, out: Change[]): void {
  if (deepEqual(before, after)) return;
  if (before === undefined) {
    out.push({ path, kind: 'added', after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: 'removed', before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    // A farm role's id is its identity, set by the API; people match farm roles by alias.
    for (const key of keys)
      if (!(key === 'id' && 'alias' in after)) diffValue(join(path, key), before[key], after[key], out);
    return;
  }
  if (isKeyedByAlias(before) && isKeyedByAlias(after) && path === 'farmRoles') {
    const old = new Map(before.map((fr) => [fr.alias as string, fr]));
    const now = new Map(after.map((fr) => [fr.alias as string, fr]));
    for (const [alias, fr] of now) diffValue(`${path}[${alias}]`, old.get(alias), fr, out);
    for (const [alias, fr] of old) if (!now.has(alias)) diffValue(`${path}[${alias}]`, fr, undefined, out);
    return;
  }
  out.push({ path, kind: 'changed', before, after });
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
