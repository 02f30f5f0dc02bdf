'use client';
// The variables of one scope as form rows: read with its ETag, saved as the whole list with
// If-Match (checked with the shared VariableSetInput first); the answer, hidden values masked,
// replaces what was typed.
import { type FormEvent, useEffect, useState } from 'react';
import { VariableSetInput } from '../../functions/domain/variables/variable-set';
import { ApiProblem } from './api-problem';
import { errorsFromIssues, errorsFromZod, type FieldErrors } from './field-errors';
import { useApi } from './use-api';
import { toVariableInput, toVariableRow, type VariableRow } from './variable-rows';
import { scopeKey, type VariableScope, variablesApi } from './variables-api';

export function useVariableSet(scope: VariableScope, onSaved?: () => void) {
  const set = useApi(`variables:${scopeKey(scope)}`, (signal) => variablesApi.get(scope, signal));
  const [rows, setRows] = useState<VariableRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  // The ETag of what the rows show: from the read, then from each save's answer.
  const [etag, setEtag] = useState<string | null>(null);
  useEffect(() => {
    if (!set.data) return;
    setRows(set.data.data.variables.map(toVariableRow));
    setEtag(set.data.etag ?? `"${set.data.data.version}"`);
  }, [set.data]);

  const change = (i: number, patch: Partial<VariableRow>) => {
    setSaved(false);
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const variables = rows.map(toVariableInput);
    const parsed = VariableSetInput.safeParse({ variables });
    if (!parsed.success) {
      setErrors(errorsFromZod(parsed.error));
      return;
    }
    setErrors({});
    setProblem(undefined);
    setSaving(true);
    try {
      const written = await variablesApi.put(scope, variables, etag);
      setRows(written.data.variables.map(toVariableRow));
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

  return { set, rows, setRows, errors, problem, saving, saved, change, save };
}
