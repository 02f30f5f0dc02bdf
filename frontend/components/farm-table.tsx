// The farms of one environment. While loading it draws placeholder rows of the same height, so
// the page does not jump when the data arrives; on a phone each row becomes a card (CSS).
import Link from 'next/link';
import { farmStatusLabel } from '../../functions/domain/farm-status-label';
import type { Farm } from '../lib/api-client';
import type { FarmCounts } from '../lib/use-farm-counts';
import { PlaceholderRow } from './placeholder-row';
import { StatusBadge } from './status-badge';
import { TimeAgo } from './time-ago';

const columns = ['name', 'status', 'farmRoles', 'instances', 'running', 'updated'];

export function farmHref(farmId: string): string {
  return `/farm/?id=${encodeURIComponent(farmId)}`;
}

function instanceRange(farm: Farm): string {
  const min = farm.farmRoles.reduce((sum, fr) => sum + fr.minInstances, 0);
  const max = farm.farmRoles.reduce((sum, fr) => sum + fr.maxInstances, 0);
  return min === max ? String(min) : `${min}–${max}`;
}

function RunningCell({ farm, counts }: { farm: Farm; counts: Map<string, FarmCounts> | undefined }) {
  if (farm.status === 'Terminated') return <span className="muted">0</span>;
  const c = counts?.get(farm.id);
  if (!c) return <span className="muted">…</span>;
  return (
    <span title={`${c.running} running of ${c.desired} desired (${c.convergence})`}>
      {c.running} <span className="muted">/ {c.desired}</span>
    </span>
  );
}

export function FarmTable({
  farms,
  counts,
  placeholderRows = 3,
}: {
  farms: Farm[] | undefined;
  /** Live counts per farm id; absent while loading. */
  counts?: Map<string, FarmCounts>;
  placeholderRows?: number;
}) {
  return (
    <table className="data-table card-table farm-table" aria-busy={farms === undefined}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Farm roles
          </th>
          <th scope="col" className="num">
            Instances
          </th>
          <th scope="col" className="num">
            Running
          </th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {farms === undefined &&
          Array.from({ length: placeholderRows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <PlaceholderRow key={i} cells={columns.length} />
          ))}
        {farms?.map((farm) => (
          <tr key={farm.id}>
            <td data-label="Name">
              <Link href={farmHref(farm.id)} className="farm-link" prefetch={false}>
                {farm.name}
              </Link>
              {farm.description && <span className="row-note">{farm.description}</span>}
            </td>
            <td data-label="Status">
              <StatusBadge status={farmStatusLabel(farm, counts?.get(farm.id)?.status)} />
            </td>
            <td data-label="Farm roles" className="num">
              {farm.farmRoles.length}
            </td>
            <td data-label="Instances" className="num" title="Minimum–maximum over all farm roles">
              {instanceRange(farm)}
            </td>
            <td data-label="Running" className="num">
              <RunningCell farm={farm} counts={counts} />
            </td>
            <td data-label="Updated">
              <TimeAgo iso={farm.updatedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
