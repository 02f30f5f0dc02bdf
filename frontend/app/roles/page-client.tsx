'use client';
import Link from 'next/link';
import { AppHeader } from '../../components/app-header';
import { type Column, DataTable } from '../../components/data-table';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
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

const COLUMNS: Column<Role>[] = [
  {
    header: 'Name',
    cell: (role) => (
      <>
        <Link className="farm-link" href={roleEditHref(role.id)}>
          {role.name}
        </Link>
        {role.description && <span className="row-note">{role.description}</span>}
      </>
    ),
  },
  { header: 'Scope', cell: (role) => (role.environmentId ? 'this environment' : 'account') },
  { header: 'OS', cell: (role) => role.osName || role.osFamily },
  { header: 'Images', cell: images },
  { header: 'Updated', cell: (role) => <TimeAgo iso={role.updatedAt} /> },
];

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
        <section className="panel" aria-label="Roles">
          <DataTable
            className="role-table"
            rows={roles.data}
            rowKey={(role) => role.id}
            columns={COLUMNS}
            empty="No roles yet."
            error={roles.error}
            onRetry={roles.reload}
          />
        </section>
      </main>
    </>
  );
}
