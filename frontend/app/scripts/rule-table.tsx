'use client';
// The account's orchestration rules in the order the orchestrator runs them (order, then id):
// event, scope, targets, script and version, order and switches; edit and delete (confirmed).
import Link from 'next/link';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { type OrchestrationRule, orchestrationApi } from '../../lib/orchestration-api';
import { TARGETS } from '../../lib/rule-draft';
import { useRowAction } from '../../lib/use-row-action';
import { type NameBook, ruleSentence, scopeLabel, versionLabel } from './rule-names';
import { scriptHref } from './script-table';

const targetLabel = (target: OrchestrationRule['target']) =>
  TARGETS.find((t) => t.target === target)?.label ?? target;

function RuleRow({
  rule: r,
  names,
  mayManage,
  onEdit,
  onDeleted,
}: {
  rule: OrchestrationRule;
  names: NameBook;
  mayManage: boolean;
  onEdit: (rule: OrchestrationRule) => void;
  onDeleted: () => void;
}) {
  const { asking, ask, dismiss, busy, problem, run } = useRowAction();
  const script = names.scripts.get(r.scriptId);
  const sentence = ruleSentence(r, names);

  const remove = () =>
    run(true, async () => {
      await orchestrationApi.deleteRule(r);
      onDeleted();
    });

  const switches = [
    r.blocking === null ? null : r.blocking ? 'blocking' : 'in background',
    r.timeoutSeconds === null ? null : `timeout ${r.timeoutSeconds} s`,
    r.runAs !== 'root' ? `as ${r.runAs}` : null,
    r.abortOnFailure ? 'aborts the launch on failure' : null,
  ].filter(Boolean);
  return (
    <tr data-rule={r.id} aria-label={sentence}>
      <td data-label="Event">
        <span className="event-name">{r.event}</span>
        {!r.enabled && <span className="badge badge-off">disabled</span>}
        {r.description && <span className="row-note">{r.description}</span>}
        {problem && <ProblemNotice problem={problem} />}
      </td>
      <td data-label="Scope">{scopeLabel(r.scope, names)}</td>
      <td data-label="Runs on">{targetLabel(r.target)}</td>
      <td data-label="Script">
        <span className="cell-value">
          <Link className="farm-link" href={scriptHref(r.scriptId)}>
            {script?.name ?? r.scriptId}
          </Link>
          <span className="row-note">{versionLabel(r)}</span>
        </span>
      </td>
      <td data-label="Order" className="num">
        <span className="cell-value">
          {r.order}
          {switches.length > 0 && <span className="row-note">{switches.join(', ')}</span>}
        </span>
      </td>
      <td className="actions-cell">
        {mayManage && (
          <div className="row-actions wrap-actions">
            <button type="button" className="button button-quiet" onClick={() => onEdit(r)}>
              Edit <span className="visually-hidden">rule: {sentence}</span>
            </button>
            <button type="button" className="button button-quiet" onClick={() => ask(true)}>
              Delete <span className="visually-hidden">rule: {sentence}</span>
            </button>
          </div>
        )}
        <ConfirmDialog
          open={Boolean(asking)}
          title="Delete this rule?"
          confirmLabel="Delete rule"
          danger
          busy={Boolean(busy)}
          onConfirm={remove}
          onClose={dismiss}
        >
          <p>{sentence}. Executions it already made stay in the farms&apos; history.</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

export function RuleTable({
  rules,
  names,
  mayManage,
  onEdit,
  onDeleted,
}: {
  rules: OrchestrationRule[] | undefined;
  names: NameBook;
  mayManage: boolean;
  onEdit: (rule: OrchestrationRule) => void;
  onDeleted: () => void;
}) {
  const sorted = rules && [...rules].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return (
    <>
      <table
        className="data-table card-table orch-table rule-table"
        aria-busy={!rules}
        aria-label="Orchestration rules"
      >
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Scope</th>
            <th scope="col">Runs on</th>
            <th scope="col">Script</th>
            <th scope="col" className="num">
              Order
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!sorted && <PlaceholderRow cells={6} />}
          {sorted?.map((r) => (
            <RuleRow
              key={r.id}
              rule={r}
              names={names}
              mayManage={mayManage}
              onEdit={onEdit}
              onDeleted={onDeleted}
            />
          ))}
        </tbody>
      </table>
      {sorted?.length === 0 && (
        <p className="empty">No rules yet: pick an event, a scope and a script to run on it.</p>
      )}
    </>
  );
}
