'use client';
// Create or edit a role with the shared RoleInput; delete it (the API refuses while a farm uses
// it). The draft and its save live in useRoleSave, the fields in role-fields.tsx.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { AppHeader } from '../../../components/app-header';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { PageHeading } from '../../../components/page-heading';
import { ProblemNotice } from '../../../components/problem-notice';
import { api } from '../../../lib/api-client';
import { useApi } from '../../../lib/use-api';
import { useCredentials } from '../../../lib/use-cloud-catalog';
import { useEnvironment } from '../../../lib/use-environment';
import { useSession } from '../../../lib/use-session';
import { RoleBasics, RoleImagesAndTags } from './role-fields';
import { useRoleSave } from './use-role-save';

export function RoleEditPageClient({ roleId }: { roleId?: string | null }) {
  return roleId === undefined ? <FromQuery /> : <RoleEditor roleId={roleId} />;
}

function FromQuery() {
  return <RoleEditor roleId={useSearchParams().get('id') ?? ''} />;
}

function RoleEditor({ roleId }: { roleId: string | null }) {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const editing = Boolean(roleId);
  const env = useEnvironment(signedIn);
  const loaded = useApi(signedIn && roleId ? `role:${roleId}` : null, (signal) =>
    api.getRole(roleId!, signal),
  );
  const form = useRoleSave(roleId, loaded.data, env.current?.id);
  const environmentId = env.current?.id;
  // Private clouds' images are chosen from what the environment's credentials list.
  const credentials = useCredentials(environmentId);
  const { base, draft, problem } = form;
  const [askDelete, setAskDelete] = useState(false);
  const title = editing ? `Edit ${base?.role.name ?? 'role'}` : 'New role';
  const stale = 'Someone changed this role since you opened it: reload to see their version.';
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          <Link href="/roles/">← Roles</Link>
        </p>
        <PageHeading title={title} lede={problem?.stale ? stale : '\u00a0'} />
        {loaded.error && <ProblemNotice problem={loaded.error} onRetry={loaded.reload} />}
        {problem && <ProblemNotice problem={problem} />}
        {!draft ? (
          <div className="panel form-placeholder" aria-busy="true" />
        ) : (
          <form
            className="panel form-section role-form"
            onSubmit={form.onSubmit}
            noValidate
            aria-label={title}
          >
            <RoleBasics draft={draft} err={form.err} change={form.change} />
            <RoleImagesAndTags
              draft={draft}
              err={form.err}
              change={form.change}
              imagesError={form.errors.images}
              environmentId={environmentId}
              credentials={credentials.data}
            />
            <div className="form-actions">
              <button type="submit" className="button button-primary" disabled={form.saving}>
                {form.saving ? 'Saving…' : editing ? 'Save changes' : 'Create role'}
              </button>
              <Link className="button button-secondary" href="/roles/">
                Cancel
              </Link>
              {editing && (
                <button
                  type="button"
                  className="button button-quiet push-end"
                  onClick={() => setAskDelete(true)}
                >
                  Delete role
                </button>
              )}
            </div>
          </form>
        )}
        <ConfirmDialog
          open={askDelete}
          title={`Delete ${base?.role.name ?? 'role'}?`}
          confirmLabel="Delete role"
          danger
          onConfirm={async () => {
            if (!(await form.remove())) setAskDelete(false);
          }}
          onClose={() => setAskDelete(false)}
        >
          <p>Drover refuses while a farm still uses this role.</p>
        </ConfirmDialog>
      </main>
    </>
  );
}
