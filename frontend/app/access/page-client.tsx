'use client';
import { AppHeader } from '../../components/app-header';
import { PageHeading } from '../../components/page-heading';
import { PermissionNote } from '../../components/permission-note';
import { ProblemNotice } from '../../components/problem-notice';
import { accessApi } from '../../lib/access-api';
import { api } from '../../lib/api-client';
import { isAccountAdmin } from '../../lib/me-permissions';
import { useApi } from '../../lib/use-api';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { AclRolesSection } from './acl-roles-section';
import { TeamsSection } from './teams-section';
import { UsersSection } from './users-section';

export function AccessPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const me = useMe(signedIn);
  const admin = isAccountAdmin(me.data);
  const users = useApi(admin ? 'users' : null, (signal) => accessApi.allUsers(signal));
  const teams = useApi(admin ? 'teams' : null, (signal) => accessApi.allTeams(signal));
  const aclRoles = useApi(signedIn ? 'acl-roles' : null, (signal) => accessApi.aclRoles(signal));
  const environments = useApi(admin ? 'environments' : null, (signal) => api.allEnvironments(signal));

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Users & teams"
          lede="People of the account, the teams that are granted environments, and the ACL roles those grants carry."
        />
        {me.error && <ProblemNotice problem={me.error} onRetry={me.reload} />}
        {me.data && !admin && (
          <PermissionNote reason="Only the account's owner and admins manage users, teams and ACL roles." />
        )}
        {admin && (
          <>
            <UsersSection users={users} selfId={me.data?.user.id} />
            <TeamsSection
              teams={teams}
              users={users.data}
              environments={environments.data}
              aclRoles={aclRoles.data}
            />
          </>
        )}
        <AclRolesSection aclRoles={aclRoles} manage={admin} />
      </main>
    </>
  );
}
