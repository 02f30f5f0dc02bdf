'use client';
// An environment's policies: name, rule kind, platform, enabled, what the rule says; for those
// who may manage policies, enable/disable, edit and delete (confirmed) per row.
import { PolicyInput } from '../../../functions/domain/schemas/policy';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { type Policy, policyApi } from '../../lib/policy-api';
import { policyDraftOf, RULE_KIND_LABELS, ruleSummary, toPolicyInput } from '../../lib/policy-draft';
import { useRowAction } from '../../lib/use-row-action';
import './policy-table.css';

/** One row's action state: which confirmation is open, what is running, the API's refusal. */
const usePolicyRowAction = () => useRowAction<'delete', 'toggle' | 'delete'>();
type RowAction = ReturnType<typeof usePolicyRowAction>;

function policyColumns(roleName: (id: string) => string): Column<Policy, RowAction>[] {
  return [
    {
      header: 'Policy',
      cell: (p, { problem }) => (
        <>
          <strong>{p.name}</strong>
          {p.description && <span className="row-note">{p.description}</span>}
          {problem && <ProblemNotice problem={problem} />}
        </>
      ),
    },
    { header: 'Rule', cell: (p) => RULE_KIND_LABELS[p.rule.kind] },
    { header: 'Platform', width: '6.5rem', cell: (p) => (p.platform ? p.platform.toUpperCase() : 'All') },
    {
      header: 'State',
      width: '6.5rem',
      cell: (p) => (
        <span className={`badge ${p.enabled ? 'badge-ok' : 'badge-off'}`}>
          {p.enabled ? 'enabled' : 'disabled'}
        </span>
      ),
    },
    { header: 'Says', className: 'policy-summary', cell: (p) => ruleSummary(p.rule, roleName) },
  ];
}

function PolicyActions({
  policy: p,
  row: { asking, ask, dismiss, busy, run },
  manage,
  onEdit,
  onChanged,
}: {
  policy: Policy;
  row: RowAction;
  manage: boolean;
  onEdit: (policy: Policy) => void;
  onChanged: () => void;
}) {
  const act = (kind: 'toggle' | 'delete', action: () => Promise<unknown>) =>
    run(kind, async () => {
      await action();
      onChanged();
    });
  const toggle = () =>
    act('toggle', () =>
      policyApi.updatePolicy(
        p,
        PolicyInput.parse({ ...(toPolicyInput(policyDraftOf(p)) as object), enabled: !p.enabled }),
      ),
    );
  return (
    <>
      {manage && (
        <RowActions wrap>
          <RowButton onClick={toggle} disabled={Boolean(busy)}>
            {busy === 'toggle' ? '…' : p.enabled ? 'Disable' : 'Enable'}
          </RowButton>
          <RowButton onClick={() => onEdit(p)} disabled={Boolean(busy)}>
            Edit
          </RowButton>
          <RowButton onClick={() => ask('delete')} disabled={Boolean(busy)}>
            Delete
          </RowButton>
        </RowActions>
      )}
      <ConfirmDialog
        open={asking === 'delete'}
        title={`Delete policy ${p.name}?`}
        confirmLabel="Delete policy"
        danger
        busy={busy === 'delete'}
        onConfirm={() => act('delete', () => policyApi.deletePolicy(p))}
        onClose={dismiss}
      >
        <p>
          Farms are no longer checked against it, on save or at launch. Values it enforced on running servers
          stay until those servers are replaced.
        </p>
      </ConfirmDialog>
    </>
  );
}

export function PolicyTable({
  policies,
  manage,
  roleName,
  onEdit,
  onChanged,
}: {
  policies: Policy[] | undefined;
  manage: boolean;
  roleName: (id: string) => string;
  onEdit: (policy: Policy) => void;
  onChanged: () => void;
}) {
  return (
    <DataTable
      actionsWidth="14rem"
      className="policy-table"
      align="middle"
      rows={policies}
      rowKey={(p) => p.id}
      rowAttributes={(p) => ({ 'data-policy': p.id })}
      columns={policyColumns(roleName)}
      useRowState={usePolicyRowAction}
      actions={(p, row) => (
        <PolicyActions policy={p} row={row} manage={manage} onEdit={onEdit} onChanged={onChanged} />
      )}
      empty="No policies: developers may launch anything their ACL role allows."
    />
  );
}
