// Sign-up: a new customer account, its first owner and a first environment (`default`), in that
// order of claims: the email is checked first (409 before anything is written), the account
// and environment are written, then the owner (which claims the email deployment-wide; a race
// lost here is still 409) and their sign-in in the identity provider. Self-service sign-up in
// AWS goes through EmailVerification (Cognito's SignUp: the sign-in is unconfirmed until the
// emailed code comes back to verifyEmail); an operator's, and every sign-up locally, through the
// UserDirectory (Cognito: AdminCreateUser, the operator vouching for the address; locally the
// scrypt hash), usable at once — see README "Sign up and accounts".
// Anything refused after the account was written purges it again, so a failed sign-up leaves
// nothing behind. Sign-ups are throttled per address (throttles.ts).
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SignUpResult } from '../../contract/sign-up-answers';
import { RESEND_CODE_PATH, SIGN_IN_PATH, VERIFY_EMAIL_PATH } from '../../contract/sign-up-paths';
import type { User } from '../../domain/access/user';
import { FIRST_ENVIRONMENT_NAME, type SignUpInput } from '../../domain/accounts/sign-up';
import { Conflict, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Account } from '../../domain/schemas/account';
import type { Clock } from '../../ports/clock';
import type { EmailVerification } from '../../ports/email-verification';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import type { UserDirectory } from '../../ports/user-directory';
import { auditSourceOf, type RequestSource } from '../access/sign-in-attempts';
import { recordAudit } from '../audit';
import { createEnvironment } from '../environments';
import { countAttempt, refuseWhenExhausted, type Throttles } from './throttles';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type SignUpRepos = Pick<
  Store,
  'accounts' | 'attempts' | 'audit' | 'credentials' | 'environments' | 'farms' | 'users'
>;

export interface SignUpDeps {
  store: SignUpRepos;
  clock: Clock;
  logger: Logger;
  userDirectory: UserDirectory;
  /** Present where self-service sign-ups must verify their email (Cognito in AWS). */
  emailVerification?: EmailVerification;
  throttles?: Partial<Throttles>;
}

const TAKEN = 'An account already signs in with this email: sign in, or use another email';

export async function signUp(
  deps: SignUpDeps,
  input: SignUpInput,
  source: SignUpSource,
): Promise<SignUpResult> {
  // An operator creating accounts for customers is not throttled.
  if (!source.operatorId) await throttleByAddress(deps, source.ip ?? 'unknown');
  if (await deps.store.users.findByEmail(input.email)) throw new Conflict(TAKEN);

  const now = deps.clock.now().toISOString();
  const account: Account = { id: newId('account'), name: input.accountName, createdAt: now };
  const owner = firstOwner(account, input.email, now);
  await deps.store.accounts.create(account);
  try {
    const principal: Principal = { accountId: account.id, userId: owner.id, via: 'system' };
    const environment = await createEnvironment(deps, principal, {
      name: FIRST_ENVIRONMENT_NAME,
      description: 'The first environment of the account',
    });
    await deps.store.users.create(owner).catch((err) => {
      throw err instanceof Conflict ? new Conflict(TAKEN) : err;
    });
    const verification = source.operatorId ? undefined : deps.emailVerification;
    await registerSignIn(deps, verification, owner, input.password);
    await auditSignUp(deps, source, account, owner, environment.id);
    const signInStep = { email: owner.email, tokenPath: SIGN_IN_PATH } as const;
    if (!verification) return { account, owner, environment, status: 'active', signIn: signInStep };
    return {
      account,
      owner,
      environment,
      status: 'verification-required',
      signIn: signInStep,
      verify: {
        email: owner.email,
        path: VERIFY_EMAIL_PATH,
        resendPath: RESEND_CODE_PATH,
      },
    };
  } catch (err) {
    await undo(deps, account.id, owner);
    throw err;
  }
}

type SignUpSource = RequestSource & { operatorId?: string };

async function throttleByAddress(deps: SignUpDeps, address: string): Promise<void> {
  await refuseWhenExhausted(
    deps,
    'signUpPerAddress',
    address,
    'Too many sign-ups from this address: try later',
  );
  await countAttempt(deps, 'signUpPerAddress', address);
}

function firstOwner(account: Account, email: string, now: string): User {
  return {
    id: newId('user'),
    accountId: account.id,
    email,
    name: account.name,
    accountRole: 'owner',
    lastSignInAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** The owner's sign-in: unconfirmed until the emailed code comes back, or usable at once. */
async function registerSignIn(
  deps: SignUpDeps,
  verification: EmailVerification | undefined,
  owner: User,
  password: string,
): Promise<void> {
  const signIn = { ...owner, userId: owner.id, initialPassword: password };
  await (verification ? verification.register(signIn) : deps.userDirectory.createUser(signIn)).catch(
    (err) => {
      // The directory names its own field; the sign-up body calls it `password`.
      if (err instanceof Unprocessable)
        throw new Unprocessable(
          err.message,
          err.issues.map((i) => ({ ...i, path: 'password' })),
        );
      throw err;
    },
  );
}

async function auditSignUp(
  deps: SignUpDeps,
  source: SignUpSource,
  account: Account,
  owner: User,
  environmentId: string,
): Promise<void> {
  await recordAudit(deps, {
    accountId: account.id,
    environmentId: null,
    actor: source.operatorId
      ? { userId: source.operatorId, via: 'operator' }
      : { userId: owner.id, via: 'user' },
    source: auditSourceOf(source),
    action: 'signUp',
    resource: { type: 'account', id: account.id, name: account.name },
    before: null,
    after: { account, owner: { id: owner.id, email: owner.email }, environmentId },
    outcome: 201,
  });
}

async function undo(deps: SignUpDeps, accountId: string, owner: User) {
  try {
    await deps.store.accounts.purge(accountId);
  } catch (error) {
    deps.logger.error('A refused sign-up left its account behind: delete it as an operator', {
      accountId,
      ownerId: owner.id,
      error: error as Error,
    });
  }
}
