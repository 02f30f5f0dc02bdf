'use client';
// The farm page's sections: the heading with status and lifecycle buttons, the facts and farm
// roles, and the servers with their running chart. The page (page-client.tsx) loads and polls.
import Link from 'next/link';
import { farmStatusLabel } from '../../../functions/domain/farm-status-label';
import { FarmRoleDetails } from '../../components/farm-role-details';
import { LifecycleActions } from '../../components/lifecycle-actions';
import { ProblemNotice } from '../../components/problem-notice';
import { RunningSparkline } from '../../components/running-sparkline';
import { ServerTable } from '../../components/server-table';
import { StatusBadge } from '../../components/status-badge';
import { TimeAgo } from '../../components/time-ago';
import type { CloudCredentials, Farm, FarmStatusView, Role, Server } from '../../lib/api-client';
import type { ApiProblem } from '../../lib/api-problem';
import type { MeView } from '../../lib/me-permissions';
import { runningSeries } from '../../lib/running-series';
import type { ApiState } from '../../lib/use-api';

/** The chart spans the farm's recent history: from just before its first server ran, 2 to 30 minutes. */
const CHART_MIN_MS = 2 * 60_000;
const CHART_MAX_MS = 30 * 60_000;
const blank = '\u00a0';

/** The farm's name and description, its status and convergence, and the lifecycle buttons. */
export function FarmHeading({
  farmId,
  spec,
  unavailable,
  view,
  onDone,
  onProblem,
}: {
  farmId: string | null;
  spec: Farm | undefined;
  unavailable: boolean;
  view: FarmStatusView | undefined;
  onDone: () => void;
  onProblem: (problem: ApiProblem | undefined) => void;
}) {
  return (
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
          {spec && <StatusBadge status={farmStatusLabel(spec, view?.status)} />}
          {view && <StatusBadge status={view.convergence} label="Convergence" />}
        </div>
        {farmId && (
          <LifecycleActions
            farmId={farmId}
            farmName={spec?.name ?? 'this farm'}
            status={view?.status ?? spec?.status}
            onDone={onDone}
            onProblem={onProblem}
            farm={spec}
            editHref={`/farm/edit/?id=${encodeURIComponent(farmId)}`}
          />
        )}
      </div>
    </div>
  );
}

/** The farm's servers: how many are up, the running chart, and the server table with its actions. */
export function FarmServers({
  farmId,
  servers,
  onChanged,
  onProblem,
  me,
  farm,
}: {
  farmId: string;
  servers: ApiState<Server[]>;
  onChanged: () => void;
  onProblem: (problem: ApiProblem | undefined) => void;
  me: MeView | undefined;
  farm: Farm | undefined;
}) {
  return (
    <section aria-labelledby="servers-heading">
      <div className="section-heading">
        <h2 id="servers-heading">
          Servers{' '}
          {servers.data && (
            <span className="count">{servers.data.filter((s) => s.status !== 'Terminated').length}</span>
          )}
        </h2>
        {servers.data && <ServerChart servers={servers.data} />}
      </div>
      {servers.error && !servers.data && <ProblemNotice problem={servers.error} onRetry={servers.reload} />}
      <ServerTable
        farmId={farmId}
        servers={servers.data}
        onChanged={onChanged}
        onProblem={onProblem}
        me={me}
        farm={farm}
      />
    </section>
  );
}

export function FarmBody({
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

/** The page was opened without `?id=`. */
export function NoFarmChosen() {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">No farm chosen</p>
      <p>
        The address needs a farm id, like <code>/farm/?id=farm-…</code>. Pick a farm from the{' '}
        <Link href="/">list</Link>.
      </p>
    </div>
  );
}
