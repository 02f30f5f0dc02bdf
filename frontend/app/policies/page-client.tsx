'use client';
import { useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { PermissionNote } from '../../components/permission-note';
import { ProblemNotice } from '../../components/problem-notice';
import { accessApi } from '../../lib/access-api';
import { api } from '../../lib/api-client';
import { denial, isAccountAdmin } from '../../lib/me-permissions';
import { type Policy, policyApi } from '../../lib/policy-api';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { LeaseRequests } from './lease-requests';
import { PolicyForm } from './policy-form';
import { PolicyTable } from './policy-table';

// What the page reads for the chosen environment, and the names it shows for role and user ids.
function usePolicyPageData(signedIn: boolean) {
  const env = useEnvironment(signedIn);
  const me = useMe(signedIn);
  const environmentId = env.current?.id;
  const policies = useApi(environmentId ? `policies:${environmentId}` : null, (signal) =>
    policyApi.allPolicies(environmentId!, signal),
  );
  const credentials = useApi(environmentId ? `credentials:${environmentId}` : null, (signal) =>
    api.allCredentials(environmentId!, signal),
  );
  const roles = useApi(environmentId ? `roles:${environmentId}` : null, (signal) =>
    api.allRoles(environmentId!, signal),
  );
  const readOnly = denial(me.data, 'policies:manage', environmentId);
  const manage = Boolean(me.data) && !readOnly;
  const roleName = (id: string) => roles.data?.find((r) => r.id === id)?.name ?? id;
  // Only the owner and admins may list users; others see requesters by id (or "you").
  const users = useApi(isAccountAdmin(me.data) ? 'users' : null, (signal) => accessApi.allUsers(signal));
  const userName = (id: string) =>
    id === me.data?.user.id ? 'you' : (users.data?.find((u) => u.id === id)?.name ?? id);

  return { env, environmentId, policies, credentials, roles, readOnly, manage, roleName, userName };
}

function PoliciesHeading({
  count,
  manage,
  disabled,
  onNew,
}: {
  count: number | undefined;
  manage: boolean;
  disabled: boolean;
  onNew: () => void;
}) {
  return (
    <div className="section-heading">
      <h2 id="policies-heading">
        Policies <span className="count">{count ?? ''}</span>
      </h2>
      {manage && (
        <button type="button" className="button button-primary" onClick={onNew} disabled={disabled}>
          New policy
        </button>
      )}
    </div>
  );
}

function LeaseRequestsSection({
  environmentId,
  manage,
  nameOf,
}: {
  environmentId: string | undefined;
  manage: boolean;
  nameOf: (id: string) => string;
}) {
  return (
    <section aria-labelledby="lease-heading" className="policy-section">
      <div className="section-heading">
        <h2 id="lease-heading">Lease extension requests</h2>
      </div>
      {environmentId && <LeaseRequests environmentId={environmentId} manage={manage} nameOf={nameOf} />}
    </section>
  );
}

export function PoliciesPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const { env, environmentId, policies, credentials, roles, readOnly, manage, roleName, userName } =
    usePolicyPageData(signedIn);
  const [form, setForm] = useState<{ item?: Policy }>();
  const [notice, setNotice] = useState<string>();

  const problem = env.error ?? policies.error;
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Policies"
          lede={
            <>
              IT&apos;s rules for {env.current?.name ?? 'this environment'}: farms are checked against the
              enabled ones when saved and again at launch.
            </>
          }
          actions={<EnvironmentPicker env={env} />}
        />
        {problem && <ProblemNotice problem={problem} onRetry={policies.reload} />}
        <PermissionNote reason={readOnly} />
        <p className="notice notice-ok" role="status" hidden={!notice}>
          {notice}
        </p>

        <section aria-labelledby="policies-heading" className="policy-section">
          <PoliciesHeading
            count={policies.data?.length}
            manage={manage}
            disabled={Boolean(form) || !environmentId}
            onNew={() => {
              setForm({});
              setNotice(undefined);
            }}
          />
          {form && environmentId && (
            <PolicyForm
              key={form.item?.id ?? 'new'}
              environmentId={environmentId}
              editing={form.item}
              credentials={credentials.data}
              roles={roles.data}
              onCancel={() => setForm(undefined)}
              onSaved={(saved) => {
                setForm(undefined);
                setNotice(`Saved policy ${saved.name}.`);
                policies.reload();
              }}
            />
          )}
          <div className="panel policy-panel">
            <PolicyTable
              policies={policies.data}
              manage={manage}
              roleName={roleName}
              onEdit={(item) => {
                setForm({ item });
                setNotice(undefined);
              }}
              onChanged={policies.reload}
            />
          </div>
        </section>

        <LeaseRequestsSection environmentId={environmentId} manage={manage} nameOf={userName} />
      </main>
    </>
  );
}
