'use client';
// A farm's servers with their live status, where they run and why they are in that status, and
// the per-server actions (terminate, reboot — each asks first) and a link to the scripts run on
// it. Ended servers are hidden behind a toggle so the table shows what runs now.
import Link from 'next/link';
import { useState } from 'react';
import { api, type Server, type ServerAction } from '../lib/api-client';
import { ApiProblem } from '../lib/api-problem';
import { denial, type FarmOwnership, type MeView } from '../lib/me-permissions';
import { ConfirmDialog } from './confirm-dialog';
import { PlaceholderRow } from './placeholder-row';
import { ServerStatusBadge } from './status-badge';
import { TimeAgo } from './time-ago';

const ENDED = new Set<Server['status']>(['Terminated', 'Failed']);

const ASK: Record<ServerAction, (name: string) => string> = {
  terminate: (name) => `Terminate ${name}? The farm launches a replacement if it falls below its minimum.`,
  reboot: (name) => `Reboot ${name}? It is unavailable until it is back up.`,
};

function serverName(server: Server): string {
  return `${server.farmRoleAlias} #${server.index}`;
}

export function ServerTable({
  farmId,
  servers,
  onChanged,
  onProblem,
  me,
  farm,
}: {
  farmId: string;
  servers: Server[] | undefined;
  onChanged: () => void;
  onProblem: (problem: ApiProblem | undefined) => void;
  /** With the farm's ownership: Reboot and Terminate only for those who may (servers:reboot / servers:terminate). */
  me?: MeView;
  farm?: FarmOwnership & { environmentId: string };
}) {
  const mayReboot = !farm || !denial(me, 'servers:reboot', farm.environmentId, farm);
  const mayTerminate = !farm || !denial(me, 'servers:terminate', farm.environmentId, farm);
  const [showEnded, setShowEnded] = useState(false);
  const [asking, setAsking] = useState<{ server: Server; action: ServerAction }>();
  const [busy, setBusy] = useState(false);
  const ended = servers?.filter((s) => ENDED.has(s.status)).length ?? 0;
  const shown = servers?.filter((s) => showEnded || !ENDED.has(s.status));

  async function run() {
    if (!asking) return;
    setBusy(true);
    onProblem(undefined);
    try {
      await api.changeServer(farmId, asking.server.id, asking.action);
      onChanged();
    } catch (error) {
      onProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setBusy(false);
      setAsking(undefined);
    }
  }

  return (
    <>
      <div className="panel">
        <table
          className="data-table card-table server-table"
          aria-busy={servers === undefined}
          aria-label="Servers"
        >
          <thead>
            <tr>
              <th scope="col">Server</th>
              <th scope="col">Status</th>
              <th scope="col">Instance</th>
              <th scope="col">Zone</th>
              <th scope="col">IP addresses</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {servers === undefined && <PlaceholderRow cells={6} />}
            {shown?.map((server) => (
              <tr key={server.id} data-status={server.status}>
                <td data-label="Server">
                  <span className="server-name">{serverName(server)}</span>
                  <span className="row-note mono" title={server.id}>
                    {server.instanceType}
                  </span>
                  <Link
                    className="row-note"
                    href={`/executions/?farmId=${encodeURIComponent(farmId)}&serverId=${encodeURIComponent(server.id)}`}
                  >
                    Scripts run <span className="visually-hidden">on {serverName(server)}</span>
                  </Link>
                </td>
                <td data-label="Status">
                  <ServerStatusBadge status={server.status} />
                  <span className="row-note" title={server.statusReason}>
                    {server.statusReason || <TimeAgo iso={server.updatedAt} />}
                  </span>
                </td>
                <td data-label="Instance" className="mono">
                  {server.instanceId ?? <span className="muted">—</span>}
                </td>
                <td data-label="Zone">{server.zone}</td>
                <td data-label="IP addresses" className="mono">
                  {server.privateIp ?? '—'}
                  {server.publicIp && <span className="row-note">{server.publicIp}</span>}
                </td>
                <td className="actions-cell">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      hidden={!mayReboot}
                      disabled={server.status !== 'Running'}
                      onClick={() => setAsking({ server, action: 'reboot' })}
                    >
                      Reboot <span className="visually-hidden">{serverName(server)}</span>
                    </button>
                    <button
                      type="button"
                      className="button button-quiet"
                      hidden={!mayTerminate}
                      disabled={ENDED.has(server.status) || server.status === 'Pending Terminate'}
                      onClick={() => setAsking({ server, action: 'terminate' })}
                    >
                      Terminate <span className="visually-hidden">{serverName(server)}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown?.length === 0 && (
          <p className="empty">{servers?.length ? 'No live servers.' : 'No servers yet: launch the farm.'}</p>
        )}
        {ended > 0 && (
          <div className="panel-footer">
            <button type="button" className="button button-quiet" onClick={() => setShowEnded((v) => !v)}>
              {showEnded ? 'Hide' : 'Show'} {ended} ended server{ended === 1 ? '' : 's'}
            </button>
          </div>
        )}
      </div>
      <ConfirmDialog
        open={asking !== undefined}
        title={
          asking
            ? `${asking.action === 'terminate' ? 'Terminate' : 'Reboot'} ${serverName(asking.server)}?`
            : ''
        }
        confirmLabel={asking?.action === 'terminate' ? 'Terminate server' : 'Reboot server'}
        danger={asking?.action === 'terminate'}
        busy={busy}
        onConfirm={run}
        onClose={() => setAsking(undefined)}
      >
        <p>{asking && ASK[asking.action](serverName(asking.server))}</p>
      </ConfirmDialog>
    </>
  );
}
