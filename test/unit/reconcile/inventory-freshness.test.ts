// When a farm may trust the shared inventory snapshot (inventory-reads.ts) and when it is acting
// and must look itself (farm-activity.ts): the rules as tables, a reason per row.
import { describe, expect, it } from 'vitest';
import type { Farm } from '../../../functions/domain/schemas/farm';
import type { Server } from '../../../functions/domain/schemas/server';
import type { InventorySnapshot } from '../../../functions/ports/inventory';
import type { ReconcileSummary } from '../../../functions/ports/store';
import { actingReason } from '../../../functions/services/reconcile/farm-activity';
import { isFresh, sliceSeenAt } from '../../../functions/services/reconcile/inventory-reads';

const snap = (
  listedAt: number | null,
  observedAt: number | null,
  changedAt: number | null,
): InventorySnapshot => ({
  listedAt,
  slice: { instances: [], observedAt, changedAt },
});

describe('isFresh', () => {
  it.each([
    ['a listing within the interval, no change since', snap(100, null, null), 150, true],
    ['a listing older than the interval', snap(100, null, null), 161, false],
    ['never listed nor looked at', snap(null, null, null), 0, false],
    ['a change noted after the listing began: the listing may not show it', snap(100, null, 120), 130, false],
    ['a change noted before the listing began', snap(100, null, 90), 130, true],
    ['a direct look after the change makes the slice whole again', snap(100, 125, 120), 130, true],
    ['a direct look that began before the change does not', snap(100, 115, 120), 130, false],
    ['a change at the very moment a look began counts as unseen', snap(120, null, 120), 130, false],
    ['a change at the very moment a direct look began counts as unseen', snap(100, 120, 120), 130, false],
    ['a direct look within the interval though the listing is old', snap(10, 125, null), 150, true],
  ])('%s', (_why, snapshot, now, fresh) => {
    expect(isFresh(snapshot, now, 60)).toBe(fresh);
  });

  it('dates the slice by its newest look that saw its last change', () => {
    expect(sliceSeenAt(snap(100, 80, 90))).toBe(100);
    expect(sliceSeenAt(snap(100, 130, 120))).toBe(130);
    expect(sliceSeenAt(snap(100, null, 120))).toBeNull();
  });
});

const farm = (status: Farm['status']) => ({ status }) as Farm;
const server = (status: Server['status']) => ({ id: `srv-${status}`, status }) as Server;
const summary = (convergence: ReconcileSummary['convergence'], extra: Partial<ReconcileSummary> = {}) =>
  ({
    convergence,
    reasons: [],
    lastReconcileAt: '',
    recheckAt: null,
    cloudCalls: {},
    ...extra,
  }) as ReconcileSummary;

describe('actingReason', () => {
  it.each([
    ['a quiet farm reads the snapshot', farm('Running'), [server('Running')], summary('converged'), null],
    [
      'suspended and failed servers are steady',
      farm('Suspended'),
      [server('Suspended'), server('Failed')],
      summary('converged'),
      null,
    ],
    ['a launching farm looks itself', farm('Launching'), [], summary('converged'), 'farm Launching'],
    [
      'a pending launch looks itself',
      farm('Running'),
      [server('Pending Launch')],
      summary('converged'),
      'Pending Launch',
    ],
    [
      'a booting server looks itself',
      farm('Running'),
      [server('Initializing')],
      summary('converged'),
      'Initializing',
    ],
    [
      'a held terminate looks itself',
      farm('Running'),
      [server('Pending Terminate')],
      summary('converged'),
      'Pending Terminate',
    ],
    ['a first pass looks itself', farm('Running'), [server('Running')], undefined, 'no previous pass'],
    [
      'a converging farm looks itself',
      farm('Running'),
      [server('Running')],
      summary('converging'),
      'last pass converging',
    ],
    [
      'a degraded farm looks itself',
      farm('Running'),
      [server('Running')],
      summary('degraded'),
      'last pass degraded',
    ],
    [
      'a farm role holding its launches looks itself',
      farm('Running'),
      [server('Running')],
      summary('converged', { capacityHolds: { fr: { until: '', backoffMs: 1 } } }),
      'capacity holds',
    ],
  ])('%s', (_why, f, servers, previous, reason) => {
    const got = actingReason(f, servers, previous);
    if (reason === null) expect(got).toBeNull();
    else expect(got).toContain(reason);
  });
});
