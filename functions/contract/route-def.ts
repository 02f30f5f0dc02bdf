// The shape of one API route (RouteDef) and the groups they fall in: imported by every route
// table file and by whoever reads the table (handlers, infra, local, the generated client), so
// the table and its readers never import one another.
import type { z } from 'zod';
import type { AccountAdminAction, Permission } from '../domain/access/permissions';

export const API_GROUPS = [
  'account',
  'environments',
  'credentials',
  'roles',
  'farms',
  'lifecycle',
  'servers',
  'agent',
  'webhooks',
  'variables',
  'audit',
  'policies',
  'access',
  'orchestration',
  'meta',
  'cloud-events',
] as const;
export type ApiGroup = (typeof API_GROUPS)[number];
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  operationId: string;
  method: HttpMethod;
  /** API Gateway syntax: `/api/v1/farms/{farmId}`. */
  path: string;
  group: ApiGroup;
  summary: string;
  /**
   * true: a user or API token; 'agent': a server's own agent token; 'operator': a platform
   * operator's token (outside every account); 'cloud-push': a cloud's signed push (a Pub/Sub
   * subscription's OIDC token, ports/cloud-push-tokens.ts); false: public (the OpenAPI document,
   * sign-in, sign-up).
   */
  auth: boolean | 'agent' | 'operator' | 'cloud-push';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status and shape of the success response; undefined for 204. */
  response?: { status: number; schema: z.ZodType };
  /** The resource is versioned: GET answers an ETag, writes take If-Match. */
  versioned?: boolean;
  /**
   * What the caller must be allowed, checked in one place (the authorize middleware) against the
   * resource the path names: a Permission is checked against the environment of the path's
   * environmentId or farmId (with the farm's owner for farm scopes); an AccountAdminAction needs
   * the account role owner or admin; 'signed-in' any user of the account (e.g. their own API tokens),
   * in an environment the path names only one their teams are granted; 'none' for public and
   * agent routes (an agent token is bound to its one server by its own check).
   */
  access: Permission | AccountAdminAction | 'signed-in' | 'none';
}

/**
 * A group's route maker: fills in the fields every route of the group shares (its group, how it
 * authenticates and, for public and agent routes, access 'none') and keeps each route's literal
 * types (operationId, path, schemas), which the typed client (client.ts) is derived from.
 */
export function routeOf<const G extends ApiGroup, const A extends RouteDef['auth']>(
  group: G,
  auth: A,
): <const R extends Omit<RouteDef, 'group' | 'auth'>>(r: R) => R & { group: G; auth: A };
export function routeOf<const G extends ApiGroup, const A extends RouteDef['auth'], const X extends 'none'>(
  group: G,
  auth: A,
  access: X,
): <const R extends Omit<RouteDef, 'group' | 'auth' | 'access'>>(
  r: R,
) => R & { group: G; auth: A; access: X };
export function routeOf(group: ApiGroup, auth: RouteDef['auth'], access?: 'none') {
  // The overloads above give the result its type; here it is only the fields spread together.
  return (r: Partial<RouteDef>) => ({ ...r, group, auth, ...(access ? { access } : {}) }) as never;
}
