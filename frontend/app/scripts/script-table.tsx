'use client';
// The account's scripts: interpreter, latest version, blocking and timeout defaults, how many
// rules use each; edit (a new version per save) and delete, which the API refuses with 409 while
// a rule uses the script — the refusal is shown with those rules.
import Link from 'next/link';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { type OrchestrationRule, orchestrationApi, type Script } from '../../lib/orchestration-api';
import { useRowAction } from '../../lib/use-row-action';

export const scriptHref = (scriptId: string) => `/scripts/edit/?id=${encodeURIComponent(scriptId)}`;

function ScriptRow({
  script: s,
  rules,
  mayManage,
  describeRule,
  onDeleted,
}: {
  script: Script;
  rules: OrchestrationRule[];
  mayManage: boolean;
  describeRule: (rule: OrchestrationRule) => string;
  onDeleted: () => void;
}) {
  const { asking, ask, dismiss, busy, problem, run } = useRowAction();
  const users = rules.filter((r) => r.scriptId === s.id);

  const remove = () =>
    run(true, async () => {
      await orchestrationApi.deleteScript(s);
      onDeleted();
    });

  return (
    <tr data-script={s.id}>
      <td data-label="Script">
        <Link className="farm-link" href={scriptHref(s.id)}>
          {s.name}
        </Link>
        {s.description && <span className="row-note">{s.description}</span>}
        {problem && (
          <div className="script-refusal">
            <ProblemNotice problem={problem} />
            {problem.status === 409 && users.length > 0 && (
              <ul className="used-by" aria-label={`Rules using ${s.name}`}>
                {users.map((r) => (
                  <li key={r.id}>{describeRule(r)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </td>
      <td data-label="Interpreter">
        <span className="mono">{s.interpreterHint}</span>
      </td>
      <td data-label="Version" className="num">
        <span className="cell-value">
          v{s.latestVersion}
          <span className="row-note">
            <TimeAgo iso={s.updatedAt} />
          </span>
        </span>
      </td>
      <td data-label="Runs">
        <span className="cell-value">
          {s.blocking ? 'blocking' : 'in background'}
          <span className="row-note">timeout {s.timeoutSeconds} s</span>
        </span>
      </td>
      <td data-label="Rules" className="num">
        {users.length}
      </td>
      <td className="actions-cell">
        <div className="row-actions wrap-actions">
          <Link className="button button-secondary" href={scriptHref(s.id)}>
            {mayManage ? 'Edit' : 'View'} <span className="visually-hidden">{s.name}</span>
          </Link>
          {mayManage && (
            <button type="button" className="button button-quiet" onClick={() => ask(true)}>
              Delete <span className="visually-hidden">{s.name}</span>
            </button>
          )}
        </div>
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
            Every version goes with it. A script that a rule still uses cannot be deleted: change or delete
            the rule first.
          </p>
        </ConfirmDialog>
      </td>
    </tr>
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
  return (
    <>
      <table
        className="data-table card-table orch-table script-table"
        aria-busy={!scripts}
        aria-label="Scripts"
      >
        <thead>
          <tr>
            <th scope="col">Script</th>
            <th scope="col">Interpreter</th>
            <th scope="col" className="num">
              Version
            </th>
            <th scope="col">Runs</th>
            <th scope="col" className="num">
              Rules
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!scripts && <PlaceholderRow cells={6} />}
          {scripts?.map((s) => (
            <ScriptRow
              key={s.id}
              script={s}
              rules={rules}
              mayManage={mayManage}
              describeRule={describeRule}
              onDeleted={onDeleted}
            />
          ))}
        </tbody>
      </table>
      {scripts?.length === 0 && <p className="empty">No scripts yet: write one, then run it on an event.</p>}
    </>
  );
}
