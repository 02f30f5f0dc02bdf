'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { AppHeader } from '../../components/app-header';
import { FarmRoleDetails } from '../../components/farm-role-details';
import { ProblemNotice } from '../../components/problem-notice';
import { StatusBadge } from '../../components/status-badge';
import { TimeAgo } from '../../components/time-ago';
import { api, type CloudCredentials, type Farm, type FarmStatusView, type Role } from '../../lib/api-client';
import type { ApiProblem } from '../../lib/api-problem';
import { useApi } from '../../lib/use-api';
import { useSession } from '../../lib/use-session';

/** How often the farm's status is polled while the page is visible. */
const STATUS_REFRESH_MS = 5000;
const blank = '\u00a0';

/** `farmId`: null renders the loading page (the static fallback); undefined reads `?id=`. */
export function FarmPageClient({ farmId }: { farmId?: string | null }) {
  return farmId === undefined ? <FarmFromQuery /> : <FarmView farmId={farmId} />;
}

function FarmFromQuery() {
  const id = useSearchParams().get('id');
  return <FarmView farmId={id ?? ''} />;
}

function FarmView({ farmId }: { farmId: string | null }) {
  const session = useSession();
  const signedIn = session.state === 'signed-in' && Boolean(farmId);
  const farm = useApi(signedIn ? `farm:${farmId}` : null, (signal) => api.getFarm(farmId!, signal));
  const status = useApi(
    signedIn ? `farm-status:${farmId}` : null,
    (signal) => api.getFarmStatus(farmId!, signal),
    {
      refreshMs: STATUS_REFRESH_MS,
    },
  );
  const envId = farm.data?.data.environmentId;
  // Names for ids: nice to have, so their failures only leave the ids showing.
  const roles = useApi(envId ? `roles:${envId}` : null, (signal) => api.allRoles(envId!, signal));
  const credentials = useApi(envId ? `credentials:${envId}` : null, (signal) =>
    api.allCredentials(envId!, signal),
  );
  const spec = farm.data?.data;
  const unavailable = farmId === '' || (farm.error !== undefined && !spec);

  return (
    <>
      <AppHeader signedIn={session.state === 'signed-in'} onSignOut={session.signOut} />
      <main className="page" id="main">
        <p className="breadcrumb">
          <Link href="/">← Farms</Link>
        </p>
        <div className="page-heading">
          <div>
            {spec || unavailable ? (
              <h1>{spec?.name ?? 'Farm unavailable'}</h1>
            ) : (
              <h1 className="skeleton-text">Loading farm…</h1>
            )}
            <p className="muted lede">{spec?.description || blank}</p>
          </div>
          <div className="status-line" aria-live="polite">
            {spec && <StatusBadge status={status.data?.status ?? spec.status} />}
            {status.data && <StatusBadge status={status.data.convergence} label="Convergence" />}
          </div>
        </div>

        {farmId === '' && (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">No farm chosen</p>
            <p>
              The address needs a farm id, like <code>/farm/?id=farm-…</code>. Pick a farm from the{' '}
              <Link href="/">list</Link>.
            </p>
          </div>
        )}
        {farm.error && <ProblemNotice problem={farm.error} onRetry={farm.reload} />}
        {!unavailable && (
          <FarmBody
            spec={spec}
            view={status.data}
            statusProblem={status.error}
            roles={roles.data}
            credentials={credentials.data}
          />
        )}
      </main>
    </>
  );
}

function FarmBody({
  spec,
  view,
  statusProblem,
  roles,
  credentials,
}: {
  spec: Farm | undefined;
  view: FarmStatusView | undefined;
  statusProblem: ApiProblem | undefined;
  roles: Role[] | undefined;
  credentials: CloudCredentials[] | undefined;
}) {
  const farmRoles = spec ? [...spec.farmRoles].sort((a, b) => a.launchOrder - b.launchOrder) : undefined;
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Updated</dt>
          <dd>{spec ? <TimeAgo iso={spec.updatedAt} /> : blank}</dd>
        </div>
        <div>
          <dt>Launched</dt>
          <dd>{spec ? <TimeAgo iso={spec.launchedAt} /> : blank}</dd>
        </div>
        <div>
          <dt>Lease expires</dt>
          <dd>{spec ? spec.leaseExpiresAt ? <TimeAgo iso={spec.leaseExpiresAt} /> : 'never' : blank}</dd>
        </div>
        <div>
          <dt>Last reconcile</dt>
          <dd>{view ? <TimeAgo iso={view.lastReconcileAt} /> : blank}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{spec ? spec.version : blank}</dd>
        </div>
      </dl>

      {view && view.reasons.length > 0 && (
        <ul className="notice notice-warn reasons" aria-label="Why the farm is not converged">
          {view.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {statusProblem && !view && spec && (
        <p className="notice notice-warn">Live status unavailable: {statusProblem.title}</p>
      )}

      <section aria-labelledby="farm-roles-heading">
        <h2 id="farm-roles-heading">
          Farm roles {farmRoles && <span className="count">{farmRoles.length}</span>}
        </h2>
        {farmRoles?.length === 0 && <p className="empty">This farm has no farm roles yet.</p>}
        <div className="farm-roles" aria-busy={!farmRoles}>
          {!farmRoles && <div className="farm-role farm-role-placeholder" aria-hidden="true" />}
          {farmRoles?.map((farmRole) => (
            <FarmRoleDetails
              key={farmRole.id}
              farmRole={farmRole}
              roleName={roles?.find((r) => r.id === farmRole.roleId)?.name}
              credentialsName={credentials?.find((c) => c.id === farmRole.credentialsId)?.name}
              counts={view?.farmRoles.find((c) => c.farmRoleId === farmRole.id)}
              statusKnown={Boolean(view)}
            />
          ))}
        </div>
      </section>
    </>
  );
}
