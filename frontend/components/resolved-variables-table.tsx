'use client';
// What each Global Variable resolves to for one farm role, and why: its value (hidden ones stay
// masked), the scope it came from, what it overrides and what a final above ignored.
import type { ApiProblem } from '../lib/api-problem';
import type { ResolvedVariableView } from '../lib/variables-api';
import { type Column, DataTable } from './data-table';
import './resolved-variables-table.css';

const SCOPE_LABELS: Record<string, string> = {
  account: 'account',
  environment: 'environment',
  role: 'role',
  farm: 'farm',
  farmRole: 'farm role',
  server: 'server',
  builtIn: 'built-in',
};
const labelOf = (scope: string | null) => (scope === null ? 'no value' : (SCOPE_LABELS[scope] ?? scope));

function why(v: ResolvedVariableView): string {
  const others = v.declarations
    .filter((d) => d.role === 'overridden' || d.role === 'ignored')
    .map(
      (d) => `${labelOf(d.scope)} ${d.value ?? ''}${d.role === 'ignored' ? ' (ignored: final above)' : ''}`,
    );
  const origin = v.scope === null ? 'no scope gives a value' : `set at ${labelOf(v.scope)} scope`;
  return others.length ? `${origin}; overrides ${others.join(', ')}` : origin;
}

const COLUMNS: Column<ResolvedVariableView>[] = [
  {
    header: 'Name',
    cell: (v) => (
      <>
        <strong>{v.name}</strong>
        {v.required && <span className="variable-flag">required</span>}
        {v.final && <span className="variable-flag">final</span>}
        {v.hidden && <span className="variable-flag">hidden</span>}
      </>
    ),
  },
  { header: 'Value', cell: (v) => v.value ?? '—' },
  { header: 'From', cell: (v) => labelOf(v.scope) },
  { header: 'Why it is this value', cell: why },
];

export function ResolvedVariablesTable({
  variables,
  label,
  error,
  onRetry,
}: {
  variables: ResolvedVariableView[] | undefined;
  label: string;
  error?: ApiProblem;
  onRetry: () => void;
}) {
  return (
    <DataTable
      className="resolved-variable-table"
      label={label}
      rows={variables}
      rowKey={(v) => v.name}
      rowAttributes={(v) => ({ 'data-resolved': v.name })}
      columns={COLUMNS}
      empty="No Global Variables reach this farm role yet."
      error={error}
      onRetry={onRetry}
    />
  );
}
