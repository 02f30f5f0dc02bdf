// The farms of one environment. While loading it draws placeholder rows of the same height, so
// the page does not jump when the data arrives; on a phone each row becomes a card.
import Link from 'next/link';
import { farmStatusLabel } from '../../functions/domain/farm-status-label';
import type { Farm } from '../lib/api-client';
import type { ApiProblem } from '../lib/api-problem';
import type { FarmCounts } from '../lib/use-farm-counts';
import { type Column, DataTable } from './data-table';
import { StatusBadge } from './status-badge';
import { TimeAgo } from './time-ago';
import './farm-table.css';

type Counts = Map<string, FarmCounts> | undefined;

export function farmHref(farmId: string): string {
  return `/farm/?id=${encodeURIComponent(farmId)}`;
}

function instanceRange(farm: Farm): string {
  const min = farm.farmRoles.reduce((sum, fr) => sum + fr.minInstances, 0);
  const max = farm.farmRoles.reduce((sum, fr) => sum + fr.maxInstances, 0);
  return min === max ? String(min) : `${min}–${max}`;
}

function RunningCell({ farm, counts }: { farm: Farm; counts: Counts }) {
  if (farm.status === 'Terminated') return <span className="muted">0</span>;
  const c = counts?.get(farm.id);
  if (!c) return <span className="muted">…</span>;
  return (
    <span title={`${c.running} running of ${c.desired} desired (${c.convergence})`}>
      {c.running} <span className="muted">/ {c.desired}</span>
    </span>
  );
}

function farmColumns(counts: Counts): Column<Farm>[] {
  return [
    {
      header: 'Name',
      cell: (farm) => (
        <>
          <Link href={farmHref(farm.id)} className="farm-link" prefetch={false}>
            {farm.name}
          </Link>
          {farm.description && <span className="row-note">{farm.description}</span>}
        </>
      ),
    },
    {
      header: 'Status',
      width: '9.5rem',
      cell: (farm) => <StatusBadge status={farmStatusLabel(farm, counts?.get(farm.id)?.status)} />,
    },
    { header: 'Farm roles', width: '8.5rem', numeric: true, cell: (farm) => farm.farmRoles.length },
    {
      header: 'Instances',
      width: '8.5rem',
      numeric: true,
      title: () => 'Minimum–maximum over all farm roles',
      cell: instanceRange,
    },
    {
      header: 'Running',
      width: '7rem',
      numeric: true,
      cell: (farm) => <RunningCell farm={farm} counts={counts} />,
    },
    { header: 'Updated', width: '10.5rem', cell: (farm) => <TimeAgo iso={farm.updatedAt} /> },
  ];
}

export function FarmTable({
  farms,
  counts,
  placeholderRows = 3,
  empty,
  error,
  onRetry,
}: {
  farms: Farm[] | undefined;
  /** Live counts per farm id; absent while loading. */
  counts?: Map<string, FarmCounts>;
  placeholderRows?: number;
  empty?: string;
  error?: ApiProblem;
  onRetry?: () => void;
}) {
  return (
    <DataTable
      className="farm-table"
      rows={farms}
      rowKey={(farm) => farm.id}
      columns={farmColumns(counts)}
      placeholderRows={placeholderRows}
      empty={empty}
      error={error}
      onRetry={onRetry}
    />
  );
}
