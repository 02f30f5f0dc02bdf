'use client';
// The farm form's Review changes step: the plan the API makes of the draft (the same FarmPlan
// `drover plan` prints) — its summary line, then one row per field change and per server action —
// with the buttons that save exactly what was reviewed or go back to editing.
import type { FarmPlanView } from '../../functions/contract/farm-plan';
import { type PlanRow, planRows, planSummary } from '../lib/plan-rows';
import { type Column, DataTable } from './data-table';
import './farm-plan-review.css';

const KIND_LABELS: Record<PlanRow['kind'], string> = {
  change: 'Change',
  launch: 'Launch',
  replace: 'Replace',
  terminate: 'Terminate',
  keep: 'Keeps running',
  blocked: 'Blocked',
};

const columns: Column<PlanRow>[] = [
  { header: 'Farm role', width: '9rem', cell: (r) => r.farmRole },
  {
    header: 'Action',
    width: '8rem',
    cell: (r) => <span className={`plan-kind plan-kind-${r.kind}`}>{KIND_LABELS[r.kind]}</span>,
  },
  { header: 'What', width: '14rem', cell: (r) => <code>{r.subject}</code> },
  { header: 'Why', cell: (r) => r.detail },
];

function basisNote(plan: FarmPlanView): string | null {
  if (plan.basis !== 'on-launch') return null;
  return plan.farmId
    ? 'The farm is not running: saving changes no server. This is what launching it would do.'
    : 'A new farm stays Terminated until launched. This is what launching it would do.';
}

export function FarmPlanReview(props: {
  plan: FarmPlanView;
  saveLabel: string;
  saving: boolean;
  disabled: boolean;
  onBack: () => void;
}) {
  const { plan } = props;
  const note = basisNote(plan);
  return (
    <section className="panel plan-review" aria-labelledby="plan-review-title">
      <h2 id="plan-review-title">Review changes</h2>
      <p className="plan-summary" role="status">
        {planSummary(plan)}
      </p>
      {note && <p className="muted">{note}</p>}
      {plan.summary.blocked && (
        <p className="notice notice-warn">
          The environment's policies refuse this farm: saving it will be refused.
        </p>
      )}
      <DataTable
        rows={planRows(plan)}
        rowKey={(r) => r.key}
        columns={columns}
        className="plan-table"
        label="Planned changes"
        empty="Nothing changes."
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={props.saving || props.disabled}>
          {props.saving ? 'Saving…' : props.saveLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onBack}>
          Back to editing
        </button>
      </div>
    </section>
  );
}
