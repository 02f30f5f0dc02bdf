// The users of an account: listed, invited (created here and in the identity provider, the
// UserDirectory port), given another account role, removed. Owner and admin only (the routes
// declare users:manage). An account always keeps an owner, and only an owner makes or unmakes owners.
//
// The Store and the directory cannot be written atomically, so the writes are ordered to leave
// nothing half-made. Creating: the Drover user first (it claims the email deployment-wide), then
// the sign-in; a directory refusal removes the Drover user again. Removing: the sign-in is
// disabled (sessions end), then deleted, then the Drover user goes; the directory counts a missing
// user as done, so a removal that failed halfway is simply repeated.

import type { Logger } from '@aws-lambda-powertools/logger';
import type { AccountRole } from '../../domain/access/permissions';
import type { User, UserInput } from '../../domain/access/user';
import { Conflict, Forbidden, NotFound } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { PageQuery } from '../../domain/schemas/common';
import type { Clock } from '../../ports/clock';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import type { UserDirectory } from '../../ports/user-directory';
import { auditWrite } from '../audit';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type UsersRepos = Pick<Store, 'audit' | 'teams' | 'users'>;

interface Deps {
  store: UsersRepos;
  clock: Clock;
  userDirectory: UserDirectory;
  logger: Logger;
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
  await deps.store.users.create(user);
  try {
    await deps.userDirectory.createUser({
      accountId: user.accountId,
      userId: user.id,
      email: user.email,
      name: user.name,
      initialPassword: input.initialPassword,
    });
  } catch (err) {
    await deps.store.users.delete({ accountId: user.accountId }, user.id).catch((undo) =>
      deps.logger.error('A user the identity provider refused is left in the Store: remove them', {
        userId: user.id,
        error: undo,
      }),
    );
    throw err;
  }
  return user;
}

export async function changeAccountRole(
  deps: Deps,
  principal: Principal,
  userId: string,
  accountRole: AccountRole,
) {
  const current = await getUser(deps, principal, userId);
  if (current.accountRole === accountRole) {
    auditWrite({ before: current, after: current });
    return current;
  }
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
  auditWrite({ before: current, after: user });
  return user;
}

export async function removeUser(deps: Deps, principal: Principal, userId: string) {
  const current = await getUser(deps, principal, userId);
  if (current.accountRole === 'owner') {
    requireOwner(principal, 'remove an owner');
    await keepAnOwner(deps, principal, userId);
  }
  const signIn = { accountId: current.accountId, userId, email: current.email };
  await deps.userDirectory.disableUser(signIn);
  await deps.userDirectory.deleteUser(signIn);
  await deps.store.users.delete({ accountId: principal.accountId }, userId);
  auditWrite({ before: current, after: null });
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
