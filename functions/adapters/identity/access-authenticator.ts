// The Authenticator every user route uses: a bearer JWT (Cognito, or the local issuer) or an
// API token (`drv_<tokenId>_<secret>`), resolved to a principal with the user's account role.
// Agent tokens (`drv1.…`) are neither, so they never pass here: they only reach `auth: 'agent'`
// routes, which verify them on their own path.
import { API_TOKEN_PATTERN } from '../../domain/access/api-token';
import { hashApiTokenSecret } from '../../domain/access/api-token-secret';
import { suspendedMessage } from '../../domain/accounts/suspension';
import { Forbidden, Unauthorized } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { Authenticator, Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';

export function createAccessAuthenticator(deps: {
  jwt: Authenticator;
  store: Pick<Store, 'users' | 'apiTokens' | 'accounts'>;
  clock: Clock;
}): Authenticator {
  return {
    async authenticate(header): Promise<Principal> {
      const bearer = header ? /^Bearer\s+(drv_\S+)$/i.exec(header.trim())?.[1] : undefined;
      if (bearer) return fromApiToken(bearer);
      const principal = await deps.jwt.authenticate(header);
      const user = await deps.store.users.get({ accountId: principal.accountId }, principal.userId);
      if (!user) throw new Unauthorized('Your user is not (or no longer) a member of this account');
      await refuseSuspended(principal.accountId);
      return { ...principal, via: 'user', accountRole: user.accountRole };
    },
  };

  /** A suspended account's people are refused with the operator's reason; its farms and agents are not. */
  async function refuseSuspended(accountId: string) {
    const account = await deps.store.accounts.get(accountId);
    if (account?.suspension) throw new Forbidden(suspendedMessage(account.suspension));
  }

  async function fromApiToken(secret: string): Promise<Principal> {
    if (!API_TOKEN_PATTERN.test(secret)) throw new Unauthorized('The API token is not valid');
    const hash = hashApiTokenSecret(secret);
    const token = await deps.store.apiTokens.findByHash(hash);
    // The hash is the lookup key, so a found token matches the whole secret; the id is checked as well.
    if (!token || !secret.startsWith(`drv_${token.id}_`))
      throw new Unauthorized('The API token is not valid');
    const now = deps.clock.now();
    if (token.revokedAt) throw new Unauthorized('The API token has been revoked');
    if (Date.parse(token.expiresAt) <= now.getTime()) throw new Unauthorized('The API token has expired');
    const user = await deps.store.users.get({ accountId: token.accountId }, token.userId);
    if (!user) throw new Unauthorized("The API token's user is no longer a member of the account");
    await refuseSuspended(token.accountId);
    await deps.store.apiTokens.recordUse(hash, now);
    return {
      accountId: token.accountId,
      userId: token.userId,
      via: 'api-token',
      accountRole: user.accountRole,
      apiToken: { id: token.id, permissions: token.permissions },
    };
  }
}
