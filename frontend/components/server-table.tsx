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
import { type Column, DataTable, RowActions, RowButton } from './data-table';
import { ServerStatusBadge } from './status-badge';
import { TimeAgo } from './time-ago';
import './server-table.css';

const ENDED = new Set<Server['status']>(['Terminated', 'Failed']);

const ASK: Record<ServerAction, (name: string) => string> = {
  terminate: (name) => `Terminate ${name}? The farm launches a replacement if it falls below its minimum.`,
  reboot: (name) => `Reboot ${name}? It is unavailable until it is back up.`,
};

function serverName(server: Server): string {
  return `${server.farmRoleAlias} #${server.index}`;
}

function serverColumns(farmId: string): Column<Server>[] {
  return [
    {
      header: 'Server',
      cell: (server) => (
        <>
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
        </>
      ),
    },
    {
      header: 'Status',
      width: '12.5rem',
      cell: (server) => (
        <>
          <ServerStatusBadge status={server.status} />
          <span className="row-note" title={server.statusReason}>
            {server.statusReason || <TimeAgo iso={server.updatedAt} />}
          </span>
        </>
      ),
    },
    {
      header: 'Instance',
      width: '12rem',
      className: 'mono',
      cell: (server) => server.instanceId ?? <span className="muted">—</span>,
    },
    { header: 'Zone', width: '7rem', cell: (server) => server.zone },
    {
      header: 'IP addresses',
      width: '8.5rem',
      className: 'mono',
      cell: (server) => (
        <>
          {server.privateIp ?? '—'}
          {server.publicIp && <span className="row-note">{server.publicIp}</span>}
        </>
      ),
    },
  ];
}

interface Asking {
  server: Server;
  action: ServerAction;
}

/** Reboot and Terminate of one server; each opens the table's confirmation. */
function ServerActions({
  server,
  mayReboot,
  mayTerminate,
  onAsk,
}: {
  server: Server;
  mayReboot: boolean;
  mayTerminate: boolean;
  onAsk: (asking: Asking) => void;
}) {
  return (
    <RowActions>
      <RowButton
        hidden={!mayReboot}
        disabled={server.status !== 'Running'}
        onClick={() => onAsk({ server, action: 'reboot' })}
      >
        Reboot <span className="visually-hidden">{serverName(server)}</span>
      </RowButton>
      <RowButton
        hidden={!mayTerminate}
        disabled={ENDED.has(server.status) || server.status === 'Pending Terminate'}
        onClick={() => onAsk({ server, action: 'terminate' })}
      >
        Terminate <span className="visually-hidden">{serverName(server)}</span>
      </RowButton>
    </RowActions>
  );
}

function ServerActionDialog({
  asking,
  busy,
  onConfirm,
  onClose,
}: {
  asking: Asking | undefined;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const terminate = asking?.action === 'terminate';
  return (
    <ConfirmDialog
      open={asking !== undefined}
      title={asking ? `${terminate ? 'Terminate' : 'Reboot'} ${serverName(asking.server)}?` : ''}
      confirmLabel={terminate ? 'Terminate server' : 'Reboot server'}
      danger={terminate}
      busy={busy}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>{asking && ASK[asking.action](serverName(asking.server))}</p>
    </ConfirmDialog>
  );
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
  const [asking, setAsking] = useState<Asking>();
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
        <DataTable
          actionsWidth="13.5rem"
          className="server-table"
          label="Servers"
          rows={shown}
          rowKey={(server) => server.id}
          rowAttributes={(server) => ({ 'data-status': server.status })}
          columns={serverColumns(farmId)}
          actions={(server) => (
            <ServerActions
              server={server}
              mayReboot={mayReboot}
              mayTerminate={mayTerminate}
              onAsk={setAsking}
            />
          )}
          empty={servers?.length ? 'No live servers.' : 'No servers yet: launch the farm.'}
        />
        {ended > 0 && (
          <div className="panel-footer">
            <RowButton onClick={() => setShowEnded((v) => !v)}>
              {showEnded ? 'Hide' : 'Show'} {ended} ended server{ended === 1 ? '' : 's'}
            </RowButton>
          </div>
        )}
      </div>
      <ServerActionDialog asking={asking} busy={busy} onConfirm={run} onClose={() => setAsking(undefined)} />
    </>
  );
}
