// A farm plan (contract/farm-plan.ts) as the rows of the farm form's Review changes table: per
// farm role, its field changes, then what launches, is replaced, terminates, keeps an old launch
// configuration, and what blocks it, each one line a person reads.
import type { FarmPlanView, FarmRolePlan } from '../../functions/contract/farm-plan';

export type PlanRowKind = 'change' | 'launch' | 'replace' | 'terminate' | 'keep' | 'blocked';

export interface PlanRow {
  key: string;
  farmRole: string;
  kind: PlanRowKind;
  /** The server (`web-2`) or field path the row is about. */
  subject: string;
  detail: string;
}

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

function rowsOf(role: FarmRolePlan): Omit<PlanRow, 'key' | 'farmRole'>[] {
  const server = (index: number | null) => (index === null ? 'untracked instance' : `${role.alias}-${index}`);
  return [
    ...role.fieldChanges.map((c) => ({
      kind: 'change' as const,
      subject: c.path,
      detail: c.kind === 'changed' ? `${show(c.before)} → ${show(c.after)}` : c.kind,
    })),
    ...role.launches.map((l) => ({
      kind: 'launch' as const,
      subject: server(l.index),
      detail: `${l.instanceType} in ${l.zone}: ${l.reason}`,
    })),
    ...role.replacements.map((r) => ({
      kind: 'replace' as const,
      subject: server(r.index),
      detail: `${r.kind}: ${r.reason}`,
    })),
    ...role.terminates.map((t) => ({
      kind: 'terminate' as const,
      subject: server(t.index),
      detail: t.reason,
    })),
    ...role.outdatedServers.map((s) => ({
      kind: 'keep' as const,
      subject: server(s.index),
      detail: `keeps its ${s.fields.join(', ')} (no rolling replacement yet); new servers use the new spec`,
    })),
    ...role.violations.map((v) => ({
      kind: 'blocked' as const,
      subject: v.path,
      detail: `${v.policyName}: ${v.message}`,
    })),
    ...role.launchBlockers.map((b) => ({ kind: 'blocked' as const, subject: 'launches', detail: b })),
  ];
}

export function planRows(plan: FarmPlanView): PlanRow[] {
  const farmRows = [
    ...plan.fieldChanges.map((c) => ({
      kind: 'change' as const,
      subject: c.path,
      detail: c.kind === 'changed' ? `${show(c.before)} → ${show(c.after)}` : c.kind,
    })),
    ...plan.violations.map((v) => ({
      kind: 'blocked' as const,
      subject: v.path,
      detail: `${v.policyName}: ${v.message}`,
    })),
  ].map((r, i) => ({ ...r, key: `farm:${i}`, farmRole: '(farm)' }));
  return [
    ...farmRows,
    ...plan.farmRoles.flatMap((role) =>
      rowsOf(role).map((r, i) => ({
        ...r,
        key: `${role.farmRoleId ?? role.alias}:${i}`,
        farmRole: role.alias,
      })),
    ),
  ];
}

export function planSummary(plan: FarmPlanView): string {
  const { launch, replace, terminate } = plan.summary;
  const counts = `${launch} to launch, ${replace} to replace, ${terminate} to terminate`;
  return plan.basis === 'on-launch' ? `${counts} when the farm is launched.` : `${counts}.`;
}
