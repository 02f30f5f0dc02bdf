'use client';
// An environment's policies: name, rule kind, platform, enabled, what the rule says; for those
// who may manage policies, enable/disable, edit and delete (confirmed) per row.
import { PolicyInput } from '../../../functions/domain/schemas/policy';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { type Policy, policyApi } from '../../lib/policy-api';
import { policyDraftOf, RULE_KIND_LABELS, ruleSummary, toPolicyInput } from '../../lib/policy-draft';
import { useRowAction } from '../../lib/use-row-action';

function PolicyRow({
  policy: p,
  manage,
  roleName,
  onEdit,
  onChanged,
}: {
  policy: Policy;
  manage: boolean;
  roleName: (id: string) => string;
  onEdit: (policy: Policy) => void;
  onChanged: () => void;
}) {
  const { asking, ask, dismiss, busy, problem, run } = useRowAction<'delete', 'toggle' | 'delete'>();
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
    <tr data-policy={p.id}>
      <td data-label="Policy">
        <strong>{p.name}</strong>
        {p.description && <span className="row-note">{p.description}</span>}
        {problem && <ProblemNotice problem={problem} />}
      </td>
      <td data-label="Rule">{RULE_KIND_LABELS[p.rule.kind]}</td>
      <td data-label="Platform">{p.platform ? p.platform.toUpperCase() : 'All'}</td>
      <td data-label="State">
        <span className={`badge ${p.enabled ? 'badge-ok' : 'badge-off'}`}>
          {p.enabled ? 'enabled' : 'disabled'}
        </span>
      </td>
      <td data-label="Says" className="policy-summary">
        {ruleSummary(p.rule, roleName)}
      </td>
      <td className="actions-cell">
        {manage && (
          <div className="row-actions wrap-actions">
            <button type="button" className="button button-quiet" onClick={toggle} disabled={Boolean(busy)}>
              {busy === 'toggle' ? '…' : p.enabled ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onEdit(p)}
              disabled={Boolean(busy)}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => ask('delete')}
              disabled={Boolean(busy)}
            >
              Delete
            </button>
          </div>
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
            Farms are no longer checked against it, on save or at launch. Values it enforced on running
            servers stay until those servers are replaced.
          </p>
        </ConfirmDialog>
      </td>
    </tr>
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
    <>
      <table className="data-table card-table policy-table" aria-busy={!policies}>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Rule</th>
            <th scope="col">Platform</th>
            <th scope="col">State</th>
            <th scope="col">Says</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!policies && <PlaceholderRow cells={6} />}
          {policies?.map((p) => (
            <PolicyRow
              key={p.id}
              policy={p}
              manage={manage}
              roleName={roleName}
              onEdit={onEdit}
              onChanged={onChanged}
            />
          ))}
        </tbody>
      </table>
      {policies?.length === 0 && (
        <p className="empty">No policies: developers may launch anything their ACL role allows.</p>
      )}
    </>
  );
}
