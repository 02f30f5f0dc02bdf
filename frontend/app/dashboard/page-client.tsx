'use client';
import Link from 'next/link';
import { farmStatusLabel, NEVER_LAUNCHED } from '../../../functions/domain/farm-status-label';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { farmHref } from '../../components/farm-table';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { StatusBadge } from '../../components/status-badge';
import { TimeAgo } from '../../components/time-ago';
import { api, type Farm, type FarmEvent } from '../../lib/api-client';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useFarmCounts } from '../../lib/use-farm-counts';
import { useSession } from '../../lib/use-session';

/** Lifecycle statuses, and the farms that never ran apart from those that ran and were terminated. */
const STATUSES: string[] = [
  'Running',
  'Launching',
  'Resuming',
  'Suspending',
  'Suspended',
  'Terminating',
  'Terminated',
  NEVER_LAUNCHED,
];
const EVENTS_PER_FARM = 8;
const EVENTS_SHOWN = 12;
/** The dashboard reads events of this many live farms at most: it is a glance, not an audit. */
const FARMS_FOR_EVENTS = 10;

// The last events of the live farms (a few each, newest first), read again every ten seconds.
function useLastEvents(farms: Farm[] | undefined) {
  const eventFarms = (farms ?? []).filter((f) => f.status !== 'Terminated').slice(0, FARMS_FOR_EVENTS);
  const events = useApi(
    farms ? `dashboard-events:${eventFarms.map((f) => f.id).join(',')}` : null,
    async (signal) => {
      const pages = await Promise.all(
        eventFarms.map((f) =>
          api.listFarmEvents(f.id, { limit: EVENTS_PER_FARM }, signal).catch(() => undefined),
        ),
      );
      return pages
        .flatMap((page) => page?.items ?? [])
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, EVENTS_SHOWN);
    },
    { refreshMs: 10_000 },
  );
  return events;
}

function FarmsByStatus({ farms, byStatus }: { farms: Farm[] | undefined; byStatus: Map<string, number> }) {
  return (
    <section aria-labelledby="farms-by-status">
      <h2 id="farms-by-status">Farms by status</h2>
      <div className="panel">
        <ul className="plain status-list" aria-busy={!farms}>
          {STATUSES.map((status) => (
            <li key={status}>
              <StatusBadge status={status} />
              <span className="status-count">{farms ? (byStatus.get(status) ?? 0) : '…'}</span>
            </li>
          ))}
        </ul>
        <div className="panel-footer">
          <Link href="/">All farms</Link>
        </div>
      </div>
    </section>
  );
}

function LastEvents({ events, names }: { events: FarmEvent[] | undefined; names: Map<string, string> }) {
  return (
    <section aria-labelledby="last-events">
      <h2 id="last-events">Last events</h2>
      <div className="panel">
        {!events && <div className="timeline-placeholder" aria-hidden="true" />}
        {events?.length === 0 && <p className="empty">Nothing has happened in the live farms yet.</p>}
        {events && events.length > 0 && (
          <ol className="timeline">
            {events.map((event: FarmEvent) => (
              <li key={event.id} className="timeline-item">
                <span className="timeline-when">
                  <TimeAgo iso={event.at} />
                </span>
                <span className="timeline-what">
                  <strong>{event.name}</strong> ·{' '}
                  <Link href={farmHref(event.farmId)}>{names.get(event.farmId) ?? event.farmId}</Link>
                  {event.message && <span className="timeline-message">{event.message}</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

export function DashboardPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const farms = useApi(environmentId ? `dashboard-farms:${environmentId}` : null, (signal) =>
    api.listFarms(environmentId!, { limit: 200 }, signal).then((page) => page.items),
  );
  const counts = useFarmCounts(farms.data);
  const events = useLastEvents(farms.data);

  const byStatus = new Map<string, number>();
  for (const farm of farms.data ?? []) {
    const status = farmStatusLabel(farm, counts.data?.get(farm.id)?.status);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
  const running = counts.data ? [...counts.data.values()].reduce((sum, c) => sum + c.running, 0) : undefined;
  const desired = counts.data ? [...counts.data.values()].reduce((sum, c) => sum + c.desired, 0) : undefined;
  const degraded = counts.data
    ? [...counts.data.values()].filter((c) => c.convergence === 'degraded').length
    : undefined;
  const names = new Map(farms.data?.map((f) => [f.id, f.name]));

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Dashboard"
          lede={env.current ? `Environment ${env.current.name} at a glance.` : '\u00a0'}
          actions={<EnvironmentPicker env={env} />}
        />
        {(env.error ?? farms.error) && (
          <ProblemNotice problem={(env.error ?? farms.error)!} onRetry={farms.reload} />
        )}

        <div className="stat-grid">
          <Stat label="Farms" value={farms.data?.length} />
          <Stat
            label="Servers running"
            value={running}
            note={desired !== undefined ? `of ${desired} desired` : undefined}
          />
          <Stat label="Farms degraded" value={degraded} />
        </div>

        <div className="dashboard-columns">
          <FarmsByStatus farms={farms.data} byStatus={byStatus} />
          <LastEvents events={events.data} names={names} />
        </div>
      </main>
    </>
  );
}

function Stat({ label, value, note }: { label: string; value: number | undefined; note?: string }) {
  return (
    <div className="stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value ?? '…'}</span>
      <span className="stat-note muted">{note ?? '\u00a0'}</span>
    </div>
  );
}
