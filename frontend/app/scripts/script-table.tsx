'use client';
// The account's scripts: interpreter, latest version, blocking and timeout defaults, how many
// rules use each; edit (a new version per save) and delete, which the API refuses with 409 while
// a rule uses the script — the refusal is shown with those rules.
import Link from 'next/link';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import type { ApiProblem } from '../../lib/api-problem';
import { type OrchestrationRule, orchestrationApi, type Script } from '../../lib/orchestration-api';
import { useRowAction } from '../../lib/use-row-action';

export const scriptHref = (scriptId: string) => `/scripts/edit/?id=${encodeURIComponent(scriptId)}`;

const useScriptRowAction = () => useRowAction();
type RowAction = ReturnType<typeof useScriptRowAction>;

/** The API's 409 names no rules; the page knows which use the script, and lists them. */
function ScriptRefusal({
  script,
  problem,
  users,
  describeRule,
}: {
  script: Script;
  problem: ApiProblem;
  users: OrchestrationRule[];
  describeRule: (rule: OrchestrationRule) => string;
}) {
  return (
    <div className="script-refusal">
      <ProblemNotice problem={problem} />
      {problem.status === 409 && users.length > 0 && (
        <ul className="used-by" aria-label={`Rules using ${script.name}`}>
          {users.map((r) => (
            <li key={r.id}>{describeRule(r)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function scriptColumns(
  usersOf: (script: Script) => OrchestrationRule[],
  describeRule: (rule: OrchestrationRule) => string,
): Column<Script, RowAction>[] {
  return [
    {
      header: 'Script',
      cell: (s, { problem }) => (
        <>
          <Link className="farm-link" href={scriptHref(s.id)}>
            {s.name}
          </Link>
          {s.description && <span className="row-note">{s.description}</span>}
          {problem && (
            <ScriptRefusal script={s} problem={problem} users={usersOf(s)} describeRule={describeRule} />
          )}
        </>
      ),
    },
    { header: 'Interpreter', cell: (s) => <span className="mono">{s.interpreterHint}</span> },
    {
      header: 'Version',
      numeric: true,
      cell: (s) => (
        <span className="cell-value">
          v{s.latestVersion}
          <span className="row-note">
            <TimeAgo iso={s.updatedAt} />
          </span>
        </span>
      ),
    },
    {
      header: 'Runs',
      cell: (s) => (
        <span className="cell-value">
          {s.blocking ? 'blocking' : 'in background'}
          <span className="row-note">timeout {s.timeoutSeconds} s</span>
        </span>
      ),
    },
    { header: 'Rules', numeric: true, cell: (s) => usersOf(s).length },
  ];
}

function ScriptActions({
  script: s,
  row: { asking, ask, dismiss, busy, run },
  mayManage,
  onDeleted,
}: {
  script: Script;
  row: RowAction;
  mayManage: boolean;
  onDeleted: () => void;
}) {
  const remove = () =>
    run(true, async () => {
      await orchestrationApi.deleteScript(s);
      onDeleted();
    });
  return (
    <>
      <RowActions wrap>
        <Link className="button button-secondary" href={scriptHref(s.id)}>
          {mayManage ? 'Edit' : 'View'} <span className="visually-hidden">{s.name}</span>
        </Link>
        {mayManage && (
          <RowButton onClick={() => ask(true)}>
            Delete <span className="visually-hidden">{s.name}</span>
          </RowButton>
        )}
      </RowActions>
      <ConfirmDialog
        open={Boolean(asking)}
        title={`Delete ${s.name}?`}
        confirmLabel="Delete script"
        danger
        busy={Boolean(busy)}
        onConfirm={remove}
        onClose={dismiss}
      >
        <p>
          Every version goes with it. A script that a rule still uses cannot be deleted: change or delete the
          rule first.
        </p>
      </ConfirmDialog>
    </>
  );
}

export function ScriptTable({
  scripts,
  rules,
  mayManage,
  describeRule,
  onDeleted,
}: {
  scripts: Script[] | undefined;
  rules: OrchestrationRule[];
  mayManage: boolean;
  describeRule: (rule: OrchestrationRule) => string;
  onDeleted: () => void;
}) {
  const usersOf = (s: Script) => rules.filter((r) => r.scriptId === s.id);
  return (
    <DataTable
      className="orch-table script-table"
      label="Scripts"
      align="middle"
      rows={scripts}
      rowKey={(s) => s.id}
      rowAttributes={(s) => ({ 'data-script': s.id })}
      columns={scriptColumns(usersOf, describeRule)}
      useRowState={useScriptRowAction}
      actions={(s, row) => <ScriptActions script={s} row={row} mayManage={mayManage} onDeleted={onDeleted} />}
      empty="No scripts yet: write one, then run it on an event."
    />
  );
}
