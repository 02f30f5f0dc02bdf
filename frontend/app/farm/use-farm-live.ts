'use client';
// The farm page's live data: the farm, its status, servers and events, polled fast while
// something is on its way (a launch, a replacement) and slowly when all is still; the spec is
// re-read whenever the polled status changes (the reconciler moves the farm on too).
import { useEffect, useState } from 'react';
import { api, type FarmStatusView, type Server } from '../../lib/api-client';
import { useApi } from '../../lib/use-api';
import { useFarmEvents } from '../../lib/use-farm-events';

const BUSY_REFRESH_MS = 2000;
const QUIET_REFRESH_MS = 10_000;
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

export function useFarmLive(farmId: string | null, signedIn: boolean) {
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
  return { farm, status, servers, events, refreshAll };
}
