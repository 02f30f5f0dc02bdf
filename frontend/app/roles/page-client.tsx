'use client';
import Link from 'next/link';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { api, type Role } from '../../lib/api-client';
import { denial } from '../../lib/me-permissions';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';

export const roleEditHref = (roleId?: string) =>
  roleId ? `/roles/edit/?id=${encodeURIComponent(roleId)}` : '/roles/edit/';

function images(role: Role): string {
  const platforms = [...new Set(role.images.map((i) => (i.platform === 'aws' ? 'AWS' : 'GCE')))];
  return `${role.images.length} image${role.images.length === 1 ? '' : 's'} · ${platforms.join(', ')}`;
}

export function RolesPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const roles = useApi(environmentId ? `roles:${environmentId}` : null, (signal) =>
    api.allRoles(environmentId!, signal),
  );
  const me = useMe(signedIn);
  const readOnly = denial(me.data, 'roles:manage', environmentId);

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Roles"
          lede="Server templates: an image per cloud and location, a default size, tags."
          actions={
            <>
              <EnvironmentPicker env={env} />
              {!readOnly && (
                <Link className="button button-primary" href={roleEditHref()}>
                  New role
                </Link>
              )}
            </>
          }
        />
        {roles.error && <ProblemNotice problem={roles.error} onRetry={roles.reload} />}
        <section className="panel" aria-label="Roles">
          <table className="data-table card-table role-table" aria-busy={!roles.data}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Scope</th>
                <th scope="col">OS</th>
                <th scope="col">Images</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {!roles.data && <PlaceholderRow cells={5} />}
              {roles.data?.map((role) => (
                <tr key={role.id}>
                  <td data-label="Name">
                    <Link className="farm-link" href={roleEditHref(role.id)}>
                      {role.name}
                    </Link>
                    {role.description && <span className="row-note">{role.description}</span>}
                  </td>
                  <td data-label="Scope">{role.environmentId ? 'this environment' : 'account'}</td>
                  <td data-label="OS">{role.osName || role.osFamily}</td>
                  <td data-label="Images">{images(role)}</td>
                  <td data-label="Updated">
                    <TimeAgo iso={role.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {roles.data?.length === 0 && <p className="empty">No roles yet.</p>}
        </section>
      </main>
    </>
  );
}
