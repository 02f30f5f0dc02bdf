'use client';
// The account's orchestration rules in the order the orchestrator runs them (order, then id):
// event, scope, targets, script and version, order and switches; edit and delete (confirmed).
import Link from 'next/link';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { type OrchestrationRule, orchestrationApi } from '../../lib/orchestration-api';
import { TARGETS } from '../../lib/rule-draft';
import { useRowAction } from '../../lib/use-row-action';
import { type NameBook, ruleSentence, scopeLabel, versionLabel } from './rule-names';
import { scriptHref } from './script-table';

const targetLabel = (target: OrchestrationRule['target']) =>
  TARGETS.find((t) => t.target === target)?.label ?? target;

const useRuleRowAction = () => useRowAction();
type RowAction = ReturnType<typeof useRuleRowAction>;

function switchesOf(r: OrchestrationRule): string[] {
  return [
    r.blocking === null ? null : r.blocking ? 'blocking' : 'in background',
    r.timeoutSeconds === null ? null : `timeout ${r.timeoutSeconds} s`,
    r.runAs !== 'root' ? `as ${r.runAs}` : null,
    r.abortOnFailure ? 'aborts the launch on failure' : null,
  ].filter((s): s is string => s !== null);
}

function ruleColumns(names: NameBook): Column<OrchestrationRule, RowAction>[] {
  return [
    {
      header: 'Event',
      cell: (r, { problem }) => (
        <>
          <span className="event-name">{r.event}</span>
          {!r.enabled && <span className="badge badge-off">disabled</span>}
          {r.description && <span className="row-note">{r.description}</span>}
          {problem && <ProblemNotice problem={problem} />}
        </>
      ),
    },
    { header: 'Scope', cell: (r) => scopeLabel(r.scope, names) },
    { header: 'Runs on', cell: (r) => targetLabel(r.target) },
    {
      header: 'Script',
      cell: (r) => (
        <span className="cell-value">
          <Link className="farm-link" href={scriptHref(r.scriptId)}>
            {names.scripts.get(r.scriptId)?.name ?? r.scriptId}
          </Link>
          <span className="row-note">{versionLabel(r)}</span>
        </span>
      ),
    },
    {
      header: 'Order',
      numeric: true,
      cell: (r) => {
        const switches = switchesOf(r);
        return (
          <span className="cell-value">
            {r.order}
            {switches.length > 0 && <span className="row-note">{switches.join(', ')}</span>}
          </span>
        );
      },
    },
  ];
}

function RuleActions({
  rule: r,
  row: { asking, ask, dismiss, busy, run },
  names,
  mayManage,
  onEdit,
  onDeleted,
}: {
  rule: OrchestrationRule;
  row: RowAction;
  names: NameBook;
  mayManage: boolean;
  onEdit: (rule: OrchestrationRule) => void;
  onDeleted: () => void;
}) {
  const sentence = ruleSentence(r, names);
  const remove = () =>
    run(true, async () => {
      await orchestrationApi.deleteRule(r);
      onDeleted();
    });
  return (
    <>
      {mayManage && (
        <RowActions wrap>
          <RowButton onClick={() => onEdit(r)}>
            Edit <span className="visually-hidden">rule: {sentence}</span>
          </RowButton>
          <RowButton onClick={() => ask(true)}>
            Delete <span className="visually-hidden">rule: {sentence}</span>
          </RowButton>
        </RowActions>
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
    </>
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
    <DataTable
      className="orch-table rule-table"
      label="Orchestration rules"
      align="middle"
      rows={sorted}
      rowKey={(r) => r.id}
      rowAttributes={(r) => ({ 'data-rule': r.id, 'aria-label': ruleSentence(r, names) })}
      columns={ruleColumns(names)}
      useRowState={useRuleRowAction}
      actions={(r, row) => (
        <RuleActions
          rule={r}
          row={row}
          names={names}
          mayManage={mayManage}
          onEdit={onEdit}
          onDeleted={onDeleted}
        />
      )}
      empty="No rules yet: pick an event, a scope and a script to run on it."
    />
  );
}
