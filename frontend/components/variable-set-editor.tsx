'use client';
// Edits the Global Variables declared at one scope (account, environment, farm role): name, value,
// flags, pattern and description per row, saved as the scope's whole list with If-Match. A hidden
// value shows as the mask and is sent back as the mask, which the API reads as "keep it"; typing a
// new value replaces it. The API's refusals (a final variable above, a pattern) show per field.
import { type FormEvent, useEffect, useState } from 'react';
import { VariableSetInput } from '../../functions/domain/variables/variable-set';
import { ApiProblem } from '../lib/api-problem';
import { errorsFromIssues, errorsFromZod, type FieldErrors } from '../lib/field-errors';
import { useApi } from '../lib/use-api';
import { type GlobalVariable, variablesApi } from '../lib/variables-api';
import { ProblemNotice } from './problem-notice';
import './variables.css';

interface Row {
  key: number;
  name: string;
  value: string;
  /** No value at this scope (declare flags only, or inherit the value). */
  unset: boolean;
  final: boolean;
  required: boolean;
  hidden: boolean;
  validationPattern: string;
  description: string;
}

let nextKey = 1;
const toRow = (v: GlobalVariable): Row => ({
  key: nextKey++,
  name: v.name,
  value: v.value ?? '',
  unset: v.value === null,
  final: v.final,
  required: v.required,
  hidden: v.hidden,
  validationPattern: v.validationPattern ?? '',
  description: v.description,
});
const toInput = (r: Row) => ({
  name: r.name.trim(),
  value: r.unset ? null : r.value,
  final: r.final,
  required: r.required,
  hidden: r.hidden,
  ...(r.validationPattern ? { validationPattern: r.validationPattern } : {}),
  description: r.description,
});

export function VariableSetEditor({
  title,
  path,
  canEdit,
  idPrefix,
  onSaved,
}: {
  title: string;
  path: string;
  canEdit: boolean;
  /** Unique on the page: ids of the inputs and error lines. */
  idPrefix: string;
  onSaved?: () => void;
}) {
  const set = useApi(`variables:${path}`, (signal) => variablesApi.get(path, signal));
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  // The ETag of what the rows show: from the read, then from each save's answer.
  const [etag, setEtag] = useState<string | null>(null);
  useEffect(() => {
    if (!set.data) return;
    setRows(set.data.data.variables.map(toRow));
    setEtag(set.data.etag ?? `"${set.data.data.version}"`);
  }, [set.data]);

  const change = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const variables = rows.map(toInput);
    const parsed = VariableSetInput.safeParse({ variables });
    if (!parsed.success) {
      setErrors(errorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      const written = await variablesApi.put(path, variables, etag);
      // The answer is the stored list, hidden values masked: show that, not what was typed.
      setRows(written.data.variables.map(toRow));
      setEtag(written.etag ?? `"${written.data.version}"`);
      setSaved(true);
      onSaved?.();
    } catch (error) {
      const p = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setErrors(errorsFromIssues(p.issues));
      setProblem(p);
    } finally {
      setSaving(false);
    }
  }

  const errorOf = (i: number, field: string) => errors[`variables.${i}.${field}`];
  const field = (i: number, name: string) => `${idPrefix}-${i}-${name}`;
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
              <tr key={r.key} data-variable={r.name}>
                <td>
                  <input
                    id={field(i, 'name')}
                    aria-label={`Name of variable ${i + 1}`}
                    value={r.name}
                    disabled={!canEdit}
                    aria-invalid={Boolean(errorOf(i, 'name'))}
                    onChange={(e) => change(i, { name: e.target.value })}
                  />
                  <p className="field-error">{errorOf(i, 'name') ?? ''}</p>
                </td>
                <td>
                  <input
                    id={field(i, 'value')}
                    aria-label={`Value of ${r.name || `variable ${i + 1}`}`}
                    value={r.value}
                    placeholder={r.unset ? 'inherited / none' : ''}
                    disabled={!canEdit}
                    aria-invalid={Boolean(errorOf(i, 'value'))}
                    onChange={(e) => change(i, { value: e.target.value, unset: false })}
                  />
                  <p className="field-error">{errorOf(i, 'value') ?? ''}</p>
                </td>
                <td className="variable-flags">
                  {(['final', 'required', 'hidden'] as const).map((flag) => (
                    <label key={flag}>
                      <input
                        type="checkbox"
                        checked={r[flag]}
                        disabled={!canEdit}
                        aria-label={`${flag} ${r.name}`}
                        onChange={(e) => change(i, { [flag]: e.target.checked })}
                      />{' '}
                      {flag}
                    </label>
                  ))}
                  <p className="field-error">{errorOf(i, 'required') ?? ''}</p>
                </td>
                <td>
                  <input
                    aria-label={`Pattern of ${r.name || `variable ${i + 1}`}`}
                    value={r.validationPattern}
                    disabled={!canEdit}
                    aria-invalid={Boolean(errorOf(i, 'validationPattern'))}
                    onChange={(e) => change(i, { validationPattern: e.target.value })}
                  />
                  <p className="field-error">{errorOf(i, 'validationPattern') ?? ''}</p>
                </td>
                <td>
                  <input
                    aria-label={`Description of ${r.name || `variable ${i + 1}`}`}
                    value={r.description}
                    disabled={!canEdit}
                    onChange={(e) => change(i, { description: e.target.value })}
                  />
                </td>
                <td>
                  {canEdit && (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      Remove <span className="visually-hidden">{r.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              setRows([
                ...rows,
                {
                  key: nextKey++,
                  name: '',
                  value: '',
                  unset: false,
                  final: false,
                  required: false,
                  hidden: false,
                  validationPattern: '',
                  description: '',
                },
              ])
            }
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
