'use client';
// Live server counts for a list of farms: each farm that is not Terminated is asked for its
// status (one small read per farm; Terminated farms run nothing, so they are not asked).
import { api, type Farm } from './api-client';
import { useApi } from './use-api';

export interface FarmCounts {
  running: number;
  desired: number;
  status: Farm['status'];
  convergence: string;
}

const REFRESH_MS = 10_000;

export function useFarmCounts(farms: Farm[] | undefined) {
  const live = farms?.filter((f) => f.status !== 'Terminated') ?? [];
  const key = farms ? `farm-counts:${live.map((f) => f.id).join(',')}` : null;
  return useApi(
    key,
    async (signal) => {
      const views = await Promise.all(
        live.map((f) => api.getFarmStatus(f.id, signal).catch(() => undefined)),
      );
      const counts = new Map<string, FarmCounts>();
      views.forEach((view, i) => {
        if (!view) return;
        counts.set(live[i]!.id, {
          running: view.farmRoles.reduce((sum, fr) => sum + fr.running, 0),
          desired: view.farmRoles.reduce((sum, fr) => sum + fr.desired, 0),
          status: view.status,
          convergence: view.convergence,
        });
      });
      return counts;
    },
    { refreshMs: REFRESH_MS },
  );
}
