'use client';
// `/executions/` with no id: the latest script executions across the chosen environment's live
// farms (the API lists them per farm, server and script; this page merges the farms' first
// pages), refreshed while open.
import { EnvironmentPicker } from '../../components/environment-picker';
import { ExecutionTable } from '../../components/execution-table';
import { PageHeading } from '../../components/page-heading';
import { ProblemNotice } from '../../components/problem-notice';
import { all, api } from '../../lib/api-client';
import { type Execution, orchestrationApi } from '../../lib/orchestration-api';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';

const REFRESH_MS = 5000;
const PER_FARM = 25;
const SHOWN = 50;
/** Enough for a page header; a big environment is better read farm by farm. */
const MAX_FARMS = 20;

export function EnvironmentExecutions({ signedIn }: { signedIn: boolean }) {
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const executions = useApi(
    environmentId ? `environment-executions:${environmentId}` : null,
    async (signal) => {
      const farms = await all((page) => api.listFarms(environmentId!, page, signal));
      const live = farms.filter((f) => f.status !== 'Terminated').slice(0, MAX_FARMS);
      const pages = await Promise.all(
        live.map((f) => orchestrationApi.listFarmExecutions(f.id, { limit: PER_FARM }, signal)),
      );
      const names = new Map(live.map((f) => [f.id, f.name]));
      const merged: (Execution & { farmName?: string })[] = pages
        .flatMap((p) => p.items)
        .map((e) => ({ ...e, farmName: names.get(e.farmId) }));
      merged.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return merged.slice(0, SHOWN);
    },
    { refreshMs: REFRESH_MS },
  );
  return (
    <>
      <PageHeading
        title="Executions"
        lede={`The latest scripts run on the servers of ${env.current?.name ?? 'this environment'}'s live farms.`}
        actions={<EnvironmentPicker env={env} />}
      />
      {(env.error ?? executions.error) && (
        <ProblemNotice problem={(env.error ?? executions.error)!} onRetry={executions.reload} />
      )}
      <div className="panel orch-panel">
        <ExecutionTable
          executions={executions.data}
          label="Latest executions"
          empty="No scripts have run in this environment yet. Orchestration rules run them on events."
        />
      </div>
    </>
  );
}
