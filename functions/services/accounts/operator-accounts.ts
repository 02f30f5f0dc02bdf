// What a platform operator does with accounts: list them, suspend and resume one, delete one.
//
// Suspending stops the account's people, not its infrastructure: its users and API tokens get
// 403 "account suspended: <reason>" on every call (access-authenticator.ts) and at sign-in,
// while its farms keep running and keep being reconciled (agents still report; no customer
// server is left without its controller). Resuming lifts it.
//
// Deleting is refused (409) while any farm of the account is not Terminated: terminating is the
// customer's (or, after a resume, the operator's own) decision, and deleting the records of live
// servers would orphan them in the customer's cloud. Otherwise every user's sign-in is removed
// from the identity provider (a missing one counts as done), then every item of the account
// (accounts.purge). A deletion cut short is repeated by calling it again.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { User } from '../../domain/access/user';
import type { OperatorAccount } from '../../domain/accounts/operator';
import { Conflict, NotFound } from '../../domain/errors';
import type { Account } from '../../domain/schemas/account';
import type { Page, PageQuery } from '../../domain/schemas/common';
import type { Clock } from '../../ports/clock';
import type { OperatorIdentity } from '../../ports/operator-tokens';
import type { Store } from '../../ports/store';
import type { UserDirectory } from '../../ports/user-directory';
import { auditSourceOf, type RequestSource } from '../access/sign-in-attempts';
import { recordAudit } from '../audit';
import { everyItem } from '../every-page';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type OperatorAccountsRepos = Pick<
  Store,
  'accounts' | 'attempts' | 'audit' | 'environments' | 'farms' | 'users'
>;

async function all<T>(items: AsyncGenerator<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
}

export interface OperatorDeps {
  store: OperatorAccountsRepos;
  clock: Clock;
  logger: Logger;
  userDirectory: UserDirectory;
}

async function usersOf(store: OperatorAccountsRepos, accountId: string): Promise<User[]> {
  return all(everyItem((page) => store.users.list({ accountId }, page), 200));
}

async function describe(store: OperatorAccountsRepos, account: Account): Promise<OperatorAccount> {
  const owners = (await usersOf(store, account.id)).filter((u) => u.accountRole === 'owner');
  return {
    ...account,
    status: account.suspension ? 'suspended' : 'active',
    ownerEmails: owners.map((u) => u.email),
  };
}

async function accountOf(store: OperatorAccountsRepos, accountId: string): Promise<Account> {
  const account = await store.accounts.get(accountId);
  if (!account) throw new NotFound(`Account ${accountId} not found`);
  return account;
}

export async function listAccounts(deps: OperatorDeps, page: PageQuery): Promise<Page<OperatorAccount>> {
  const found = await deps.store.accounts.list(page);
  return { ...found, items: await Promise.all(found.items.map((a) => describe(deps.store, a))) };
}

export async function suspendAccount(
  deps: OperatorDeps,
  operator: OperatorIdentity,
  accountId: string,
  reason: string,
  source: RequestSource,
): Promise<OperatorAccount> {
  const before = await accountOf(deps.store, accountId);
  const suspension = { reason, at: deps.clock.now().toISOString() };
  await deps.store.accounts.setSuspension(accountId, suspension);
  const after = { ...before, suspension };
  await audit(deps, operator, 'suspendAccount', before, after, source);
  return describe(deps.store, after);
}

export async function resumeAccount(
  deps: OperatorDeps,
  operator: OperatorIdentity,
  accountId: string,
  source: RequestSource,
): Promise<OperatorAccount> {
  const before = await accountOf(deps.store, accountId);
  await deps.store.accounts.setSuspension(accountId, null);
  const { suspension: _lifted, ...after } = before;
  await audit(deps, operator, 'resumeAccount', before, after, source);
  return describe(deps.store, after);
}

export async function deleteAccount(
  deps: OperatorDeps,
  operator: OperatorIdentity,
  accountId: string,
): Promise<void> {
  const account = await accountOf(deps.store, accountId);
  const live = await farmsNotTerminated(deps.store, accountId);
  if (live.length > 0)
    throw new Conflict(
      `The account still has ${live.length} farm(s) not Terminated (${live.slice(0, 5).join(', ')}): terminate them first, so no server is left running without Drover`,
    );
  for (const user of await usersOf(deps.store, accountId)) {
    const ref = { accountId, userId: user.id, email: user.email };
    await deps.userDirectory.disableUser(ref);
    await deps.userDirectory.deleteUser(ref);
    await deps.store.users.delete({ accountId }, user.id);
  }
  await deps.store.accounts.purge(accountId);
  // The account's own audit log went with it: the platform's log keeps the deletion.
  deps.logger.info('account deleted by a platform operator', {
    accountId,
    accountName: account.name,
    operatorId: operator.operatorId,
  });
}

async function farmsNotTerminated(store: OperatorAccountsRepos, accountId: string): Promise<string[]> {
  const names: string[] = [];
  const environments = await all(everyItem((page) => store.environments.list({ accountId }, page), 200));
  for (const env of environments) {
    const farms = await all(
      everyItem((page) => store.farms.listByEnvironment({ accountId, environmentId: env.id }, page), 200),
    );
    names.push(...farms.filter((f) => f.status !== 'Terminated').map((f) => f.name));
  }
  return names;
}

function audit(
  deps: OperatorDeps,
  operator: OperatorIdentity,
  action: string,
  before: Account,
  after: Account,
  source: RequestSource,
) {
  return recordAudit(deps, {
    accountId: before.id,
    environmentId: null,
    actor: { userId: operator.operatorId, via: 'operator' },
    source: auditSourceOf(source),
    action,
    resource: { type: 'account', id: before.id, name: before.name },
    before,
    after,
    outcome: 200,
  });
}
