// Password sign-in (`POST /api/v1/auth/token`) behind the throttles and the audit log: the
// identity provider checks the password (the SignIn port); this counts failures per email and
// per address (services/accounts/throttles.ts: 429 with Retry-After once over the limit, before
// the provider is even asked) and records every attempt, success or failure, in the account of
// the email when there is one (never the password). An unknown email has no account to audit
// in, so it is only logged (with the address, not the email).
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SignInToken } from '../../domain/access/sign-in';
import { NewPasswordRequired } from '../../domain/access/sign-in';
import { suspendedMessage } from '../../domain/accounts/suspension';
import { DroverError, Forbidden } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { SignIn } from '../../ports/sign-in';
import type { Store } from '../../ports/store';
import { countAttempt, forgetAttempts, refuseWhenExhausted, type Throttles } from '../accounts/throttles';
import { recordAudit } from '../audit';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type SignInAttemptsRepos = Pick<Store, 'accounts' | 'attempts' | 'audit' | 'users'>;

interface Deps {
  store: SignInAttemptsRepos;
  clock: Clock;
  logger: Logger;
  signIn: SignIn;
  throttles?: Partial<Throttles>;
}

export interface RequestSource {
  ip?: string;
  userAgent?: string;
  client?: 'portal' | 'cli' | 'api';
}

/** Where a request came from, as an audit entry records it (a request names no client: `api`). */
export function auditSourceOf(source: RequestSource) {
  return {
    client: source.client ?? 'api',
    ...(source.ip ? { ip: source.ip } : {}),
    ...(source.userAgent ? { userAgent: source.userAgent } : {}),
  };
}

const TOO_MANY = 'Too many failed sign-ins: wait before trying again';

export async function signInWithAttempts(
  deps: Deps,
  email: string,
  password: string,
  source: RequestSource,
): Promise<SignInToken> {
  const address = source.ip ?? 'unknown';
  let outcome = 500;
  try {
    await refuseWhenExhausted(deps, 'signInPerEmail', email, TOO_MANY);
    await refuseWhenExhausted(deps, 'signInPerAddress', address, TOO_MANY);
    let token: SignInToken;
    try {
      token = await deps.signIn.signIn(email, password);
    } catch (err) {
      if (err instanceof DroverError && err.status === 401) {
        await countAttempt(deps, 'signInPerEmail', email);
        await countAttempt(deps, 'signInPerAddress', address);
      }
      // The right temporary password: the email's failures are over.
      if (err instanceof NewPasswordRequired) await forgetAttempts(deps, 'signInPerEmail', email);
      throw err;
    }
    await forgetAttempts(deps, 'signInPerEmail', email);
    await refuseSuspended(deps, email);
    outcome = 200;
    return token;
  } catch (err) {
    outcome = err instanceof DroverError ? err.status : 500;
    throw err;
  } finally {
    await auditAttempt(deps, email, source, outcome);
  }
}

/** A suspended account's users sign in to nothing: say why at once rather than on every call. */
async function refuseSuspended(deps: Deps, email: string) {
  const user = await deps.store.users.findByEmail(email);
  const account = user ? await deps.store.accounts.get(user.accountId) : undefined;
  if (account?.suspension) throw new Forbidden(suspendedMessage(account.suspension));
}

async function auditAttempt(deps: Deps, email: string, source: RequestSource, outcome: number) {
  const user = await deps.store.users.findByEmail(email).catch(() => undefined);
  if (!user) {
    deps.logger.info('sign-in attempt for an email no account has', { outcome, sourceIp: source.ip });
    return;
  }
  await recordAudit(deps, {
    accountId: user.accountId,
    environmentId: null,
    actor: { userId: user.id, via: 'user' },
    source: auditSourceOf(source),
    action: 'signIn',
    resource: { type: 'user', id: user.id, name: user.email },
    outcome,
  });
}
