// Waiting for a farm to reach a state, for the reconcile tests and benchmarks: polls the farm's
// status and servers over the API until a predicate holds, and on timeout fails with what it
// last saw (status, convergence, reasons, every server) so a red test says where it stuck.
import type { FarmStatusView } from '../../functions/domain/schemas/farm-status';
import type { Server } from '../../functions/domain/schemas/server';
import type { ApiClient } from './api-client';

export interface FarmSnapshot {
  status: FarmStatusView;
  servers: Server[];
}

export interface ConvergeOptions {
  /** Default 20 s. */
  timeoutMs?: number;
  /** Default 100 ms. */
  intervalMs?: number;
  /** Called with every snapshot taken (e.g. to sample an invariant while converging). */
  onSnapshot?: (snapshot: FarmSnapshot) => void;
}

export async function farmSnapshot(api: ApiClient, farmId: string): Promise<FarmSnapshot> {
  const [status, servers] = await Promise.all([
    api.get<FarmStatusView>(`/v1/farms/${farmId}/status`),
    api.get<{ items: Server[] }>(`/v1/farms/${farmId}/servers?status=all`),
  ]);
  if (status.status !== 200)
    throw new Error(`GET status answered ${status.status}: ${JSON.stringify(status.body)}`);
  if (servers.status !== 200)
    throw new Error(`GET servers answered ${servers.status}: ${JSON.stringify(servers.body)}`);
  return { status: status.body, servers: servers.body.items };
}

/** Polls until `predicate` holds on a snapshot; returns that snapshot, or throws describing the last one. */
export async function untilFarm(
  api: ApiClient,
  farmId: string,
  what: string,
  predicate: (snapshot: FarmSnapshot) => boolean,
  options: ConvergeOptions = {},
): Promise<FarmSnapshot> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last: FarmSnapshot | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await farmSnapshot(api, farmId);
      options.onSnapshot?.(last);
      if (predicate(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) throw new Error(`farm ${farmId} never ${what}\n${describe(last, lastError)}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Every farm role has exactly its desired servers Running, nothing else live, and the farm says converged. */
export const isConverged = ({ status, servers }: FarmSnapshot): boolean =>
  status.status === 'Running' &&
  status.convergence === 'converged' &&
  status.farmRoles.every(
    (r) =>
      servers.filter((s) => s.farmRoleId === r.farmRoleId && s.status === 'Running').length === r.desired &&
      servers.filter(
        (s) => s.farmRoleId === r.farmRoleId && s.status !== 'Running' && s.status !== 'Terminated',
      ).length === 0,
  );

export function untilConverged(api: ApiClient, farmId: string, options: ConvergeOptions = {}) {
  return untilFarm(api, farmId, 'converged', isConverged, options);
}

/** Polls any condition (not tied to the API), failing with `describeLast()` on timeout. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; describeLast?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline)
      throw new Error(`never ${what}${options.describeLast ? `\n${options.describeLast()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

export function describe(snapshot: FarmSnapshot | undefined, error?: unknown): string {
  if (!snapshot) return `no snapshot could be read: ${(error as Error | undefined)?.message ?? 'unknown'}`;
  const { status, servers } = snapshot;
  const lines = [
    `last status: ${status.status}, ${status.convergence} (last reconcile ${status.lastReconcileAt ?? 'never'})`,
    ...status.reasons.map((r) => `  reason: ${r}`),
    ...status.farmRoles.map(
      (r) =>
        `  ${r.alias}: desired ${r.desired}, running ${r.running}, launching ${r.launching}, terminating ${r.terminating}, failed ${r.failed}`,
    ),
    `servers (${servers.length}):`,
    ...servers.map(
      (s) =>
        `  ${s.farmRoleAlias}#${s.index} ${s.id} ${s.status} ${s.instanceId ?? '-'} ${s.zone} — ${s.statusReason}`,
    ),
  ];
  if (error) lines.push(`last error: ${(error as Error).message}`);
  return lines.join('\n');
}
