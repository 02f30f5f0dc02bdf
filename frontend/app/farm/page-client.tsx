'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { farmStatusLabel } from '../../../functions/domain/farm-status-label';
import { AppHeader } from '../../components/app-header';
import { EventTimeline } from '../../components/event-timeline';
import { FarmRoleDetails } from '../../components/farm-role-details';
import { LifecycleActions } from '../../components/lifecycle-actions';
import { OrchestrationPanel } from '../../components/orchestration-panel';
import { ProblemNotice } from '../../components/problem-notice';
import { RunningSparkline } from '../../components/running-sparkline';
import { ServerTable } from '../../components/server-table';
import { StatusBadge } from '../../components/status-badge';
import { TimeAgo } from '../../components/time-ago';
import {
  api,
  type CloudCredentials,
  type Farm,
  type FarmStatusView,
  type Role,
  type Server,
} from '../../lib/api-client';
import type { ApiProblem } from '../../lib/api-problem';
import { runningSeries } from '../../lib/running-series';
import { useApi } from '../../lib/use-api';
import { useFarmEvents } from '../../lib/use-farm-events';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { FarmLease } from './farm-lease';

/** Poll fast while something is on its way (a launch, a replacement), slowly when all is still. */
const BUSY_REFRESH_MS = 2000;
const QUIET_REFRESH_MS = 10_000;
/** The chart spans the farm's recent history: from just before its first server ran, 2 to 30 minutes. */
const CHART_MIN_MS = 2 * 60_000;
const CHART_MAX_MS = 30 * 60_000;
const IN_FLIGHT_SERVER = new Set(['Pending Launch', 'Pending', 'Initializing', 'Pending Terminate']);
const IN_FLIGHT_FARM = new Set(['Launching', 'Suspending', 'Resuming', 'Terminating']);

function inFlight(view: FarmStatusView | undefined, servers: Server[] | undefined): boolean {
  if (!view || !servers) return true;
  return (
    IN_FLIGHT_FARM.has(view.status) ||
    view.convergence === 'converging' ||
    servers.some((s) => IN_FLIGHT_SERVER.has(s.status))
  );
}
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
  // The cadence follows what the last answers showed; state, so the polls below can read it first.
  const [refreshMs, setRefreshMs] = useState(BUSY_REFRESH_MS);
  const status = useApi(
    signedIn ? `farm-status:${farmId}` : null,
    (signal) => api.getFarmStatus(farmId!, signal),
    { refreshMs },
  );
  const servers = useApi(
    signedIn ? `servers:${farmId}` : null,
    (signal) => api.listServers(farmId!, signal),
    {
      refreshMs,
    },
  );
  const events = useFarmEvents(signedIn ? farmId : null, refreshMs);
  const wanted = inFlight(status.data, servers.data) ? BUSY_REFRESH_MS : QUIET_REFRESH_MS;
  if (wanted !== refreshMs) setRefreshMs(wanted);
  const [actionProblem, setActionProblem] = useState<ApiProblem>();
  // The reconciler moves the farm on (Launching → Running sets launchedAt, bumps the version):
  // re-read the spec whenever the polled status changes, not only after the user's own actions.
  const liveStatus = status.data?.status;
  const reloadFarm = farm.reload;
  useEffect(() => {
    if (liveStatus) reloadFarm();
  }, [liveStatus, reloadFarm]);
  const refreshAll = () => {
    farm.reload();
    status.reload();
    servers.reload();
    events.reload();
  };
  const envId = farm.data?.data.environmentId;
  // Names for ids: nice to have, so their failures only leave the ids showing.
  const roles = useApi(envId ? `roles:${envId}` : null, (signal) => api.allRoles(envId!, signal));
  const credentials = useApi(envId ? `credentials:${envId}` : null, (signal) =>
    api.allCredentials(envId!, signal),
  );
  const me = useMe(signedIn);
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
          <div className="farm-heading-end">
            <div className="status-line" aria-live="polite">
              {spec && <StatusBadge status={farmStatusLabel(spec, status.data?.status)} />}
              {status.data && <StatusBadge status={status.data.convergence} label="Convergence" />}
            </div>
            {farmId && (
              <LifecycleActions
                farmId={farmId}
                farmName={spec?.name ?? 'this farm'}
                status={status.data?.status ?? spec?.status}
                onDone={refreshAll}
                onProblem={setActionProblem}
                farm={spec}
                editHref={`/farm/edit/?id=${encodeURIComponent(farmId)}`}
              />
            )}
          </div>
        </div>
        {actionProblem && <ProblemNotice problem={actionProblem} />}

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
        {!unavailable && farmId && (
          <>
            <section aria-labelledby="servers-heading">
              <div className="section-heading">
                <h2 id="servers-heading">
                  Servers{' '}
                  {servers.data && (
                    <span className="count">
                      {servers.data.filter((s) => s.status !== 'Terminated').length}
                    </span>
                  )}
                </h2>
                {servers.data && <ServerChart servers={servers.data} />}
              </div>
              {servers.error && !servers.data && (
                <ProblemNotice problem={servers.error} onRetry={servers.reload} />
              )}
              <ServerTable
                farmId={farmId}
                servers={servers.data}
                onChanged={refreshAll}
                onProblem={setActionProblem}
                me={me.data}
                farm={spec}
              />
            </section>
            {spec && <FarmLease farm={spec} me={me.data} onChanged={farm.reload} />}
            {spec && (
              <OrchestrationPanel farm={spec} servers={servers.data} me={me.data} onFired={events.reload} />
            )}
            <section aria-labelledby="events-heading">
              <h2 id="events-heading">Events</h2>
              <EventTimeline
                events={events.events}
                servers={servers.data}
                hasMore={events.hasMore}
                loadingMore={events.loadingMore}
                onLoadMore={events.loadMore}
              />
            </section>
          </>
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

function ServerChart({ servers }: { servers: Server[] }) {
  const now = Date.now();
  const starts = servers.map((s) => Date.parse(s.timestamps.Running ?? '')).filter((t) => !Number.isNaN(t));
  const since = starts.length ? now - Math.min(...starts) : 0;
  const windowMs = Math.min(
    CHART_MAX_MS,
    Math.max(CHART_MIN_MS, Math.ceil((since * 1.25) / 60_000) * 60_000),
  );
  return (
    <RunningSparkline
      points={runningSeries(servers, now, windowMs)}
      windowMinutes={Math.round(windowMs / 60_000)}
      everRan={starts.length > 0}
    />
  );
}
