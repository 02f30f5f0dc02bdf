'use client';
// The farm page's "Orchestration" panel: the farm's script executions, newest first, refreshed
// while the page is open (every 1.5 s while one is queued or running), each opening its output;
// and "Fire event" for users who may fire events on this farm.
import { useState } from 'react';
import type { Farm, Server } from '../lib/api-client';
import { type MeView, may } from '../lib/me-permissions';
import { orchestrationApi } from '../lib/orchestration-api';
import { useApi } from '../lib/use-api';
import { ExecutionTable } from './execution-table';
import { FireEventDialog } from './fire-event-dialog';
import { ProblemNotice } from './problem-notice';
import './orchestration.css';

const LIVE_REFRESH_MS = 1500;
const QUIET_REFRESH_MS = 5000;
const SHOWN = 25;

export function OrchestrationPanel({
  farm,
  servers,
  me,
  onFired,
}: {
  farm: Farm;
  servers: Server[] | undefined;
  me: MeView | undefined;
  /** A custom event was fired (the farm's event log has a new entry). */
  onFired: () => void;
}) {
  const [refreshMs, setRefreshMs] = useState(QUIET_REFRESH_MS);
  const executions = useApi(
    `farm-executions:${farm.id}`,
    (signal) => orchestrationApi.listFarmExecutions(farm.id, { limit: SHOWN }, signal),
    { refreshMs },
  );
  const open = executions.data?.items.some((e) => e.status === 'queued' || e.status === 'running');
  const wanted = open ? LIVE_REFRESH_MS : QUIET_REFRESH_MS;
  if (wanted !== refreshMs) setRefreshMs(wanted);
  const [firing, setFiring] = useState(false);
  const [fired, setFired] = useState<string>();
  // Shown once /me says so, so the button never appears and then vanishes.
  const mayFire = me !== undefined && may(me, 'orchestration:fire', farm.environmentId, farm);
  const nameOf = (serverId: string) => {
    const s = servers?.find((x) => x.id === serverId);
    return s ? `${s.farmRoleAlias} #${s.index}` : undefined;
  };

  return (
    <section aria-labelledby="orchestration-heading">
      <div className="section-heading">
        <h2 id="orchestration-heading">Orchestration</h2>
        {mayFire && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setFired(undefined);
              setFiring(true);
            }}
          >
            Fire event
          </button>
        )}
      </div>
      <p className="notice notice-ok" role="status" hidden={!fired}>
        {fired && `Fired ${fired}: rules that follow it queue their scripts below.`}
      </p>
      {executions.error && !executions.data && (
        <ProblemNotice problem={executions.error} onRetry={executions.reload} />
      )}
      <div className="panel orch-panel">
        <ExecutionTable
          executions={executions.data?.items}
          serverName={nameOf}
          label="Script executions"
          empty="No scripts have run on this farm yet. Orchestration rules run them on events."
        />
      </div>
      <FireEventDialog
        open={firing}
        farmId={farm.id}
        farmName={farm.name}
        servers={servers}
        onClose={() => setFiring(false)}
        onFired={(name) => {
          setFiring(false);
          setFired(name);
          executions.reload();
          onFired();
        }}
      />
    </section>
  );
}
