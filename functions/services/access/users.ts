// The users of an account: listed, invited (created; in the local runtime with an initial
// password the built-in issuer checks), given another account role, removed. Owner and admin
// only (the routes declare users:manage). An account always keeps an owner, and only an owner
// makes or unmakes owners.

import type { AccountRole } from '../../domain/access/permissions';
import type { User, UserInput } from '../../domain/access/user';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { Clock } from '../../ports/clock';
import type { PasswordHasher, Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';

interface Deps {
  store: Store;
  clock: Clock;
  passwords?: PasswordHasher;
}

export async function getUser({ store }: Deps, principal: Principal, userId: string): Promise<User> {
  const user = await store.users.get({ accountId: principal.accountId }, userId);
  if (!user) throw new NotFound(`User ${userId} not found`);
  return user;
}

export const listUsers = ({ store }: Deps, principal: Principal, page: PageQuery) =>
  store.users.list({ accountId: principal.accountId }, page);

export async function createUser(deps: Deps, principal: Principal, input: UserInput): Promise<User> {
  if (input.accountRole === 'owner') requireOwner(principal, 'make an owner');
  if (input.initialPassword && !deps.passwords) {
    throw new Unprocessable('Passwords are set by the identity provider (Cognito) here', [
      { in: 'body', path: 'initialPassword', message: 'only the local runtime takes an initial password' },
    ]);
  }
  const now = deps.clock.now().toISOString();
  const user: User = {
    id: newId('user'),
    accountId: principal.accountId,
    email: input.email,
    name: input.name,
    accountRole: input.accountRole,
    lastSignInAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.users.create(
    user,
    input.initialPassword && deps.passwords ? deps.passwords.hash(input.initialPassword) : undefined,
  );
  return user;
}

export async function changeAccountRole(
  deps: Deps,
  principal: Principal,
  userId: string,
  accountRole: AccountRole,
) {
  const current = await getUser(deps, principal, userId);
  if (current.accountRole === accountRole) return current;
  if (accountRole === 'owner' || current.accountRole === 'owner')
    requireOwner(principal, 'make or unmake an owner');
  if (current.accountRole === 'owner') await keepAnOwner(deps, principal, userId);
  const user: User = {
    ...current,
    accountRole,
    version: current.version + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.users.update(user, current.version);
  return user;
}

export async function removeUser(deps: Deps, principal: Principal, userId: string) {
  const current = await getUser(deps, principal, userId);
  if (current.accountRole === 'owner') {
    requireOwner(principal, 'remove an owner');
    await keepAnOwner(deps, principal, userId);
  }
  await deps.store.users.delete({ accountId: principal.accountId }, userId);
  // Their team memberships go with them (a stale id would grant nothing, but would show).
  for (const team of await deps.store.teams.listAll({ accountId: principal.accountId })) {
    if (!team.memberIds.includes(userId)) continue;
    await deps.store.teams.update(
      { ...team, memberIds: team.memberIds.filter((id) => id !== userId), version: team.version + 1 },
      team.version,
    );
  }
}

function requireOwner(principal: Principal, what: string) {
  if (principal.accountRole !== 'owner') throw new Forbidden(`Only an owner may ${what}`);
}

async function keepAnOwner(deps: Deps, principal: Principal, leaving: string) {
  const owners: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.users.list({ accountId: principal.accountId }, { limit: 200, cursor });
    owners.push(...page.items.filter((u) => u.accountRole === 'owner').map((u) => u.id));
    cursor = page.nextCursor;
  } while (cursor);
  if (owners.filter((id) => id !== leaving).length === 0)
    throw new Conflict('The account must keep an owner: make someone else owner first');
}
