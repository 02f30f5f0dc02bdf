// A field-level diff of two JSON documents: what `drover apply` shows before it writes and what
// the audit log keeps of every write. One implementation for both, so a change reads the same in
// the terminal and in the audit page. Lists of objects that all carry an `alias` (farm roles)
// are matched by alias, not by position: reordering them changes nothing and a new tier reads
// as added; other lists are compared whole (a changed zone list is one change).

export interface Change {
  /** `description`, `farmRoles[web].maxInstances`, `farmRoles[web].tags.team`… */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface DiffOptions {
  /** Top-level keys that are bookkeeping rather than content (version, updatedAt…). */
  ignore?: readonly string[];
}

type Json = unknown;

/**
 * The changes from `before` to `after`; either may be null (a create, a delete), which reads as
 * every field added or removed (a list keyed by alias one line per element).
 */
export function diffDocuments(before: Json, after: Json, options: DiffOptions = {}): Change[] {
  const out: Change[] = [];
  const ignored = new Set(options.ignore ?? []);
  const strip = (doc: Json) =>
    isObject(doc) ? Object.fromEntries(Object.entries(doc).filter(([k]) => !ignored.has(k))) : doc;
  const b = before === null || before === undefined ? {} : strip(before);
  const a = after === null || after === undefined ? {} : strip(after);
  diffValue('', b, a, out);
  return out;
}

export function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isKeyedByAlias = (value: Json): value is Record<string, Json>[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => isObject(v) && typeof v.alias === 'string');

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
  // An alias-keyed list against nothing (or an empty list) still reads one element at a time.
  const emptyish = (v: Json) => v === undefined || (Array.isArray(v) && v.length === 0);
  if (
    (isKeyedByAlias(before) || emptyish(before)) &&
    (isKeyedByAlias(after) || emptyish(after)) &&
    (isKeyedByAlias(before) || isKeyedByAlias(after))
  ) {
    const old = new Map(((before ?? []) as Record<string, Json>[]).map((x) => [x.alias as string, x]));
    const now = new Map(((after ?? []) as Record<string, Json>[]).map((x) => [x.alias as string, x]));
    for (const [alias, x] of now) diffValue(`${path}[${alias}]`, old.get(alias), x, out);
    for (const [alias, x] of old) if (!now.has(alias)) diffValue(`${path}[${alias}]`, x, undefined, out);
    return;
  }
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
    // An aliased element's id is set by the API; people know it by its alias.
    for (const key of keys)
      if (!(key === 'id' && 'alias' in after)) diffValue(join(path, key), before[key], after[key], out);
    return;
  }
  out.push({ path, kind: 'changed', before, after });
}
