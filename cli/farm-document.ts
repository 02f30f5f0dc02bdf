// The file `drover apply -f` reads: a `kind: Farm` document in YAML or JSON holding a farm
// spec, where a farm role may name its role and credentials by name or by id (`role: base`,
// `credentials: aws-keys`, or `roleId`/`credentialsId`). An optional `version` makes the apply
// conditional on the farm still being at that version (like a resourceVersion). A file printed
// by `drover get farm NAME -o yaml` reads back as it is: its `metadata` and `status` are the
// server's and are ignored, but for `metadata.version` (the If-Match) and `metadata.id`.
//
// The file is checked with the API's own FarmSpec schema before anything is sent, names
// standing in as placeholder ids for that first pass, so a bad file fails with the same field
// paths and messages the API would give.
import type { z } from 'zod';
import type { FarmSpec } from '../functions/domain/schemas';
import { type FieldIssue, invalidInput } from './errors';
import { byName, isIdOf } from './resolve';

export interface FarmDocument {
  /** The spec with names left as the file wrote them. */
  spec: Record<string, unknown> & { name: string; farmRoles: Record<string, unknown>[] };
  /** If-Match for the update, when the file asks for one (`version:`, or `metadata.version`). */
  version?: number;
  /** The farm the file was read from (`metadata.id`): applied to that farm even if renamed. */
  id?: string;
  /** For each farm role, which key named its role and its credentials. */
  refs: { role: RefKey<'role'>; credentials: RefKey<'credentials'> }[];
}

type RefKey<K extends string> = { key: K | `${K}Id`; value: unknown };

const REFS = [
  { field: 'role', id: 'roleId', kind: 'role' },
  { field: 'credentials', id: 'credentialsId', kind: 'credentials' },
] as const;

const placeholderId = (kind: 'role' | 'credentials') =>
  `${kind === 'role' ? 'role' : 'cred'}-${'0'.repeat(26)}`;

export function pathOf(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Zod's issues as field issues; an unknown key is reported at its own path. */
export function zodIssues(error: z.ZodError, rename: (path: string) => string = (p) => p): FieldIssue[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({
          in: 'file',
          path: rename(pathOf([...i.path, key])),
          message: 'is not a known field',
        }))
      : [{ in: 'file', path: rename(pathOf(i.path)), message: i.message }],
  );
}

/** Parses and checks a document; every problem is reported at once with its field path. */
export async function parseFarmDocument(text: string, source: string): Promise<FarmDocument> {
  const { parse } = await import('yaml');
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (error) {
    throw invalidInput(`${source} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, []);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw invalidInput(`${source} must hold one farm document (a mapping with kind: Farm)`, []);

  const { kind, version: topVersion, metadata, status: _status, ...rest } = data as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  if (kind !== 'Farm')
    issues.push({
      in: 'file',
      path: 'kind',
      message: kind === undefined ? 'is required and must be Farm' : 'must be Farm',
    });
  const owned = serverOwned(metadata, issues);
  const version = topVersion ?? owned.version;
  const versionPath = topVersion === undefined ? 'metadata.version' : 'version';
  if (version !== undefined && !(Number.isInteger(version) && (version as number) > 0))
    issues.push({ in: 'file', path: versionPath, message: 'must be a positive whole number' });

  const refs: FarmDocument['refs'] = [];
  const renames = new Map<string, string>();
  const forCheck = structuredClone(rest);
  const farmRoles = Array.isArray(forCheck.farmRoles) ? forCheck.farmRoles : [];
  farmRoles.forEach((fr: unknown, i) => {
    if (typeof fr !== 'object' || fr === null) return;
    const record = fr as Record<string, unknown>;
    const found = {} as FarmDocument['refs'][number];
    for (const ref of REFS) {
      const byField = ref.field in record;
      if (byField && ref.id in record)
        issues.push({
          in: 'file',
          path: `farmRoles.${i}.${ref.field}`,
          message: `give either ${ref.field} or ${ref.id}, not both`,
        });
      const key = byField ? ref.field : ref.id;
      const value = record[key];
      if (value === undefined) {
        issues.push({
          in: 'file',
          path: `farmRoles.${i}.${ref.field}`,
          message: `is required (a ${ref.kind} name or id)`,
        });
        record[ref.id] = placeholderId(ref.kind);
        continue;
      }
      (found as Record<string, unknown>)[ref.field] = { key, value };
      if (byField) {
        delete record[ref.field];
        renames.set(`farmRoles.${i}.${ref.id}`, `farmRoles.${i}.${ref.field}`);
      }
      // A name stands in as a well-formed id for the schema check; it is resolved later.
      record[ref.id] =
        typeof value === 'string' && value && !isIdOf(ref.kind, value) ? placeholderId(ref.kind) : value;
    }
    refs.push(found);
  });

  const { FarmSpec } = await import('../functions/domain/schemas/farm');
  const checked = FarmSpec.safeParse(forCheck);
  if (!checked.success) issues.push(...zodIssues(checked.error, (p) => renames.get(p) ?? p));
  if (issues.length) throw invalidInput(`${source} is not a valid farm`, issues);

  return {
    spec: rest as FarmDocument['spec'],
    ...(version !== undefined ? { version: version as number } : {}),
    ...(owned.id !== undefined ? { id: owned.id } : {}),
    refs,
  };
}

/**
 * What a file copied from `drover get farm -o yaml` says under `metadata` (the server's fields,
 * ignored but for these two): which farm it is and the version it was read at.
 */
function serverOwned(metadata: unknown, issues: FieldIssue[]): { id?: string; version?: unknown } {
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    issues.push({
      in: 'file',
      path: 'metadata',
      message: 'must be a mapping (as `drover get farm` prints it)',
    });
    return {};
  }
  const { id, version } = metadata as Record<string, unknown>;
  if (id !== undefined && !(typeof id === 'string' && isIdOf('farm', id))) {
    issues.push({ in: 'file', path: 'metadata.id', message: 'must be a farm id (farm-…)' });
    return { version };
  }
  return { ...(id !== undefined ? { id: id as string } : {}), version };
}

export interface Referable {
  id: string;
  name: string;
}

/**
 * Turns the document into the FarmSpec the API takes: each role and credentials name becomes
 * its id. Ids are passed through as they are; the API checks that they exist.
 */
export async function resolveFarmDocument(
  doc: FarmDocument,
  lookup: { role: () => Promise<Referable[]>; credentials: () => Promise<Referable[]> },
  source: string,
): Promise<FarmSpec> {
  const issues: FieldIssue[] = [];
  const farmRoles = await Promise.all(
    (doc.spec.farmRoles ?? []).map(async (fr, i) => {
      const { role: _role, credentials: _credentials, ...rest } = fr;
      const resolved: Record<string, unknown> = { ...rest };
      for (const ref of REFS) {
        const { key, value } = doc.refs[i]![ref.field];
        const name = value as string;
        if (isIdOf(ref.kind, name)) {
          resolved[ref.id] = name;
          continue;
        }
        const candidates = await lookup[ref.field]();
        const match = byName(candidates, name);
        if (match) resolved[ref.id] = match.id;
        else
          issues.push({
            in: 'file',
            path: `farmRoles.${i}.${key}`,
            message: `no ${ref.field === 'role' ? 'role' : 'cloud credentials'} named "${name}" in this environment${
              candidates.length ? ` (known: ${candidates.map((c) => c.name).join(', ')})` : ''
            }`,
          });
      }
      return resolved;
    }),
  );
  if (issues.length) throw invalidInput(`${source} names things that do not exist`, issues);
  const { FarmSpec } = await import('../functions/domain/schemas/farm');
  const parsed = FarmSpec.safeParse({ ...doc.spec, farmRoles });
  if (!parsed.success) throw invalidInput(`${source} is not a valid farm`, zodIssues(parsed.error));
  return parsed.data;
}
