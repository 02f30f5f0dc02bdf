// The demo account's people, so the portal e2e and manual tests can sign in as each kind of
// user (README "Access control"): the owner, an admin, a developer of team `web` (the owner
// team of farm demo-web), a developer of team `data`, and a read-only user. Both teams are
// granted the demo environment as `developer`; team `viewers` as `read-only`.
// The Demo account uses the documented @drover.local emails; other seeded accounts (tests)
// get their own domain, since an email is unique across the deployment.
import { BUILT_IN_ACL_ROLES } from '../functions/domain/access/acl-role';
import type { User } from '../functions/domain/access/user';
import { newId } from '../functions/domain/ids';
import type { ApiDeps } from '../functions/handlers/api/deps';
import type { Principal } from '../functions/ports/identity';
import { loadSubject } from '../functions/services/access/subject';
import { createTeam } from '../functions/services/access/teams';
import { hashPassword } from './identity/local-issuer';

export type SeedRole = 'owner' | 'admin' | 'developer-web' | 'developer-data' | 'read-only';

export interface SeedUser {
  role: SeedRole;
  userId: string;
  email: string;
  password: string;
}

const CAST: {
  role: SeedRole;
  local: string;
  name: string;
  password: string;
  accountRole: User['accountRole'];
}[] = [
  {
    role: 'owner',
    local: 'demo',
    name: 'Demo Owner',
    password: process.env.DROVER_DEMO_PASSWORD || 'drover-demo',
    accountRole: 'owner',
  },
  { role: 'admin', local: 'admin', name: 'Ada Admin', password: 'drover-admin', accountRole: 'admin' },
  {
    role: 'developer-web',
    local: 'dev-web',
    name: 'Wendy Web',
    password: 'drover-dev-web',
    accountRole: 'user',
  },
  {
    role: 'developer-data',
    local: 'dev-data',
    name: 'Dario Data',
    password: 'drover-dev-data',
    accountRole: 'user',
  },
  { role: 'read-only', local: 'viewer', name: 'Vera Viewer', password: 'drover-viewer', accountRole: 'user' },
];

export function seedEmail(local: string, accountName: string, accountId: string): string {
  return accountName === 'Demo' ? `${local}@drover.local` : `${local}@${accountId}.drover.local`;
}

/** Creates the cast and their teams; answers them and a principal of the owner acting as team `web`. */
export async function seedAccessCast(
  deps: ApiDeps,
  owner: Principal,
  environmentId: string,
  accountName: string,
): Promise<{ users: SeedUser[]; teamIds: Record<'web' | 'data' | 'viewers', string>; asWebTeam: Principal }> {
  const now = deps.clock.now().toISOString();
  const users: SeedUser[] = [];
  for (const c of CAST) {
    const userId = c.role === 'owner' ? owner.userId : newId('user');
    const email = seedEmail(c.local, accountName, owner.accountId);
    await deps.store.users.create(
      {
        id: userId,
        accountId: owner.accountId,
        email,
        name: c.name,
        accountRole: c.accountRole,
        lastSignInAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
      hashPassword(c.password),
    );
    users.push({ role: c.role, userId, email, password: c.password });
  }
  const id = (role: SeedRole) => users.find((u) => u.role === role)!.userId;
  const team = (name: string, memberIds: string[], aclRoleId: 'developer' | 'read-only') =>
    createTeam(deps, owner, {
      name,
      description: `Seeded team ${name}`,
      memberIds,
      grants: [{ environmentId, aclRoleId }],
    });
  const web = await team('web', [id('developer-web')], 'developer');
  const data = await team('data', [id('developer-data')], 'developer');
  const viewers = await team('viewers', [id('read-only')], 'read-only');
  // The owner creates demo-web on behalf of team web, so it is that team's farm.
  const asWebTeam: Principal = {
    ...owner,
    subject: {
      ...(await loadSubject(deps.store, owner)),
      grants: [{ teamId: web.id, environmentId, aclRole: BUILT_IN_ACL_ROLES.developer }],
    },
  };
  return { users, teamIds: { web: web.id, data: data.id, viewers: viewers.id }, asWebTeam };
}

/** Data kept from before users were stored: give the demo owner a stored user so they can sign in. */
export async function ensureSeedOwner(
  deps: ApiDeps,
  demo: { accountId: string; userId: string },
  email: string,
  password: string,
) {
  if (await deps.store.users.get({ accountId: demo.accountId }, demo.userId)) return;
  const now = deps.clock.now().toISOString();
  await deps.store.users.create(
    {
      id: demo.userId,
      accountId: demo.accountId,
      email,
      name: 'Demo Owner',
      accountRole: 'owner',
      lastSignInAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    hashPassword(password),
  );
}
