// A user's own API tokens: created with the secret shown once, listed without it, revoked.
import type { ApiToken, ApiTokenInput } from '../../domain/access/api-token';
import { hashApiTokenSecret, newApiTokenSecret } from '../../domain/access/api-token-secret';
import { effectivePermissions, isAccountAdminAction } from '../../domain/access/can';
import type { Permission } from '../../domain/access/permissions';
import { NotFound, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type ApiTokensRepos = Pick<Store, 'apiTokens'>;

interface Deps {
  store: ApiTokensRepos;
  clock: Clock;
}

export async function createApiToken(deps: Deps, principal: Principal, input: ApiTokenInput) {
  if (principal.via === 'api-token')
    throw new Unprocessable('An API token cannot create API tokens: sign in as the user');
  checkNarrower(principal, input.permissions);
  const id = newId('apiToken');
  const secret = newApiTokenSecret(id);
  const now = deps.clock.now();
  const token: ApiToken = {
    id,
    accountId: principal.accountId,
    userId: principal.userId,
    name: input.name,
    permissions: input.permissions,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    createdAt: now.toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await deps.store.apiTokens.create(token, hashApiTokenSecret(secret));
  return { ...token, secret };
}

/** A token's list may only name what its user holds somewhere (the intersection is checked on every use anyway). */
function checkNarrower(principal: Principal, permissions: ApiTokenInput['permissions']) {
  const subject = principal.subject;
  if (!permissions || !subject || subject.accountRole !== 'user') return;
  const held = new Set<string>(
    subject.grants.flatMap((g) =>
      Object.keys(effectivePermissions({ ...subject, tokenPermissions: undefined }, g.environmentId)),
    ),
  );
  const issues = permissions.flatMap((p, i) =>
    isAccountAdminAction(p) || !held.has(p as Permission)
      ? [{ in: 'body', path: `permissions.${i}`, message: `you do not hold ${p} in any environment` }]
      : [],
  );
  if (issues.length) throw new Unprocessable('An API token cannot hold more than its user', issues);
}

export async function listApiTokens(deps: Deps, principal: Principal) {
  const tokens = await deps.store.apiTokens.listByUser({ accountId: principal.accountId }, principal.userId);
  return { items: tokens.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
}

export async function revokeApiToken(deps: Deps, principal: Principal, tokenId: string) {
  const revoked = await deps.store.apiTokens.revoke(
    { accountId: principal.accountId },
    principal.userId,
    tokenId,
    deps.clock.now(),
  );
  if (!revoked) throw new NotFound(`API token ${tokenId} not found`);
}
