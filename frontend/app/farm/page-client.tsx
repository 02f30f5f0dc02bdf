'use client';
// One farm: lifecycle, farm roles with desired vs running, servers, lease, orchestration and events,
// polled through useFarmLive; the sections are in farm-sections.tsx.
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { EventTimeline } from '../../components/event-timeline';
import { OrchestrationPanel } from '../../components/orchestration-panel';
import { ProblemNotice } from '../../components/problem-notice';
import { api } from '../../lib/api-client';
import type { ApiProblem } from '../../lib/api-problem';
import { useApi } from '../../lib/use-api';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { FarmLease } from './farm-lease';
import { FarmBody, FarmHeading, FarmServers, NoFarmChosen } from './farm-sections';
import { FarmTasks } from './farm-tasks';
import { useFarmLive } from './use-farm-live';

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
  const { farm, status, servers, events, refreshAll } = useFarmLive(farmId, signedIn);
  const [actionProblem, setActionProblem] = useState<ApiProblem>();
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
        <FarmHeading
          farmId={farmId}
          spec={spec}
          unavailable={unavailable}
          view={status.data}
          onDone={refreshAll}
          onProblem={setActionProblem}
        />
        {actionProblem && <ProblemNotice problem={actionProblem} />}

        {farmId === '' && <NoFarmChosen />}
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
            <FarmServers
              farmId={farmId}
              servers={servers}
              onChanged={refreshAll}
              onProblem={setActionProblem}
              me={me.data}
              farm={spec}
            />
            {spec && <FarmLease farm={spec} me={me.data} onChanged={farm.reload} />}
            <FarmTasks farmId={farmId} />
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
