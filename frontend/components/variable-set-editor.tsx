'use client';
// Edits the Global Variables declared at one scope (account, environment, farm role): name, value,
// flags, pattern and description per row, saved as the scope's whole list with If-Match. A hidden
// value shows as the mask and is sent back as the mask, which the API reads as "keep it"; typing a
// new value replaces it. The API's refusals (a final variable above, a pattern) show per field.
import { useVariableSet } from '../lib/use-variable-set';
import { emptyVariableRow } from '../lib/variable-rows';
import type { VariableScope } from '../lib/variables-api';
import { ProblemNotice } from './problem-notice';
import { VariableRow } from './variable-row';
import './variables.css';

export function VariableSetEditor({
  title,
  scope,
  canEdit,
  idPrefix,
  onSaved,
}: {
  title: string;
  scope: VariableScope;
  canEdit: boolean;
  /** Unique on the page: ids of the inputs and error lines. */
  idPrefix: string;
  onSaved?: () => void;
}) {
  const { set, rows, setRows, errors, problem, saving, saved, change, save } = useVariableSet(scope, onSaved);
  return (
    <form className="panel variable-set" onSubmit={save} aria-label={title} noValidate>
      <h3>{title}</h3>
      {set.error && !set.data && <ProblemNotice problem={set.error} onRetry={set.reload} />}
      {problem && <ProblemNotice problem={problem} />}
      <p className="notice notice-ok" role="status" hidden={!saved}>
        {saved && `Saved the variables of ${title.toLowerCase()}.`}
      </p>
      {set.data && rows.length === 0 && <p className="empty">No variables declared here.</p>}
      {rows.length > 0 && (
        <table className="variable-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">Flags</th>
              <th scope="col">Pattern</th>
              <th scope="col">Description</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <VariableRow
                key={r.key}
                row={r}
                index={i}
                idPrefix={idPrefix}
                canEdit={canEdit}
                errorOf={(field) => errors[`variables.${i}.${field}`]}
                change={(patch) => change(i, patch)}
                remove={() => setRows(rows.filter((_, j) => j !== i))}
              />
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setRows([...rows, emptyVariableRow()])}
          >
            Add variable
          </button>
          <button type="submit" className="button button-primary" disabled={saving || !set.data}>
            {saving ? 'Saving…' : 'Save variables'}
          </button>
        </div>
      )}
    </form>
  );
}
