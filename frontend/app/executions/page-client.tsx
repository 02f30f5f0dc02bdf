'use client';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { AppHeader } from '../../components/app-header';
import { ExecutionTable } from '../../components/execution-table';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { api } from '../../lib/api-client';
import { orchestrationApi } from '../../lib/orchestration-api';
import { useApi } from '../../lib/use-api';
import { useSession } from '../../lib/use-session';
import { EnvironmentExecutions } from './environment-executions';
import { ExecutionView } from './execution-view';

export interface ExecutionsQuery {
  id?: string;
  farmId?: string;
  serverId?: string;
}

const SERVER_REFRESH_MS = 3000;

/** `query`: null renders the loading page (the static fallback); undefined reads the query string. */
export function ExecutionsPageClient({ query }: { query?: ExecutionsQuery | null }) {
  return query === undefined ? <FromQuery /> : <Executions query={query} />;
}

function FromQuery() {
  const params = useSearchParams();
  return (
    <Executions
      query={{
        id: params.get('id') ?? undefined,
        farmId: params.get('farmId') ?? undefined,
        serverId: params.get('serverId') ?? undefined,
      }}
    />
  );
}

function Executions({ query }: { query: ExecutionsQuery | null }) {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        {query?.id ? (
          <ExecutionView executionId={query.id} signedIn={signedIn} />
        ) : query?.farmId && query.serverId ? (
          <ServerExecutions farmId={query.farmId} serverId={query.serverId} signedIn={signedIn} />
        ) : query ? (
          <EnvironmentExecutions signedIn={signedIn} />
        ) : (
          <h1 className="skeleton-text">Loading…</h1>
        )}
      </main>
    </>
  );
}

function ServerExecutions({
  farmId,
  serverId,
  signedIn,
}: {
  farmId: string;
  serverId: string;
  signedIn: boolean;
}) {
  const farm = useApi(signedIn ? `farm:${farmId}` : null, (signal) => api.getFarm(farmId, signal));
  const servers = useApi(signedIn ? `servers:${farmId}` : null, (signal) => api.listServers(farmId, signal));
  const executions = useApi(
    signedIn ? `server-executions:${farmId}:${serverId}` : null,
    (signal) => orchestrationApi.listServerExecutions(farmId, serverId, { limit: 100 }, signal),
    { refreshMs: SERVER_REFRESH_MS },
  );
  const server = servers.data?.find((s) => s.id === serverId);
  const name = server ? `${server.farmRoleAlias} #${server.index}` : serverId;
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/farm/?id=${encodeURIComponent(farmId)}`}>← {farm.data?.data.name ?? 'Farm'}</Link>
      </p>
      <PageHeading
        title={`Executions on ${name}`}
        lede={
          <>
            Queued and running first, then the rest, newest first.{' '}
            {server && (
              <span className="mono" title="Server id">
                {server.id}
              </span>
            )}
          </>
        }
      />
      {executions.error && <ProblemNotice problem={executions.error} onRetry={executions.reload} />}
      <div className="panel orch-panel">
        <ExecutionTable
          executions={executions.data?.items}
          serverName={() => name}
          label={`Executions on ${name}`}
          empty="No script has run on this server yet."
        />
      </div>
    </>
  );
}
