// Which resource an API write touched, worked out from the route alone: the id its response
// carries (a create answers the new document) or else the last id in its path, the kind read
// from the id's prefix (`farm-…` is a farm). No per-route table to keep in step with routes.ts.
import { ID_PREFIXES, type IdKind } from '../ids';
import type { AuditResource } from '../schemas/audit';

const KIND_OF_PREFIX = new Map<string, IdKind>(
  Object.entries(ID_PREFIXES).map(([kind, prefix]) => [prefix, kind as IdKind]),
);

export function kindOfId(id: string): IdKind | undefined {
  const dash = id.indexOf('-');
  return dash > 0 ? KIND_OF_PREFIX.get(id.slice(0, dash)) : undefined;
}

interface Document {
  id?: unknown;
  name?: unknown;
  environmentId?: unknown;
}

function asDocument(value: unknown): Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Document) : {};
}

/**
 * The resource of a write. `pathIds` are the path's parameters in path order; `before` and
 * `after` the documents around the write (either may be absent; `before` only when it is the
 * document the write changed). A create's path names only its parent (the environment), so the
 * new document's id is the resource; a write whose document was read before it (adding a team
 * member changes the team) is about that document; any other write acts on the last id of its
 * path (terminate names the server, test names the endpoint).
 */
export function resourceOfWrite(
  pathIds: readonly string[],
  before: unknown,
  after: unknown,
  created: boolean,
): AuditResource {
  const b = asDocument(before);
  const a = asDocument(after);
  const bodyId = typeof a.id === 'string' ? a.id : undefined;
  const beforeId = typeof b.id === 'string' ? b.id : undefined;
  const id = (created ? bodyId : undefined) ?? beforeId ?? pathIds.at(-1) ?? bodyId;
  // Names only describe the resource itself, not a parent or a by-product the response carries.
  const sameAs = (doc: Document) => doc.id === undefined || doc.id === id;
  const name =
    typeof a.name === 'string' && sameAs(a)
      ? a.name
      : typeof b.name === 'string' && sameAs(b)
        ? b.name
        : undefined;
  return {
    type: (id && kindOfId(id)) ?? 'unknown',
    id: id ?? null,
    ...(name !== undefined ? { name } : {}),
  };
}

/**
 * The environment a write happened in: the path's, else the document's (an environment is its
 * own); null for account-level items (roles of the account, users, teams).
 */
export function environmentOfWrite(
  params: Record<string, string>,
  before: unknown,
  after: unknown,
): string | null {
  if (params.environmentId) return params.environmentId;
  for (const doc of [asDocument(after), asDocument(before)]) {
    if (typeof doc.environmentId === 'string') return doc.environmentId;
    if (typeof doc.id === 'string' && kindOfId(doc.id) === 'environment') return doc.id;
  }
  return null;
}
