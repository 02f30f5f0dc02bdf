'use client';
// The farm role's Global Variables on the farm edit page: what each variable resolves to here and
// why (the scope it came from, what it overrides, what a final above ignored, the problems that
// would hold a launch), and the farm role's own declarations to edit. Hidden values stay masked.
import './variables.css';
import type { Farm } from '../lib/api-client';
import { type MeView, may } from '../lib/me-permissions';
import { useApi } from '../lib/use-api';
import { type ResolvedVariableView, variablePaths, variablesApi } from '../lib/variables-api';
import { ProblemNotice } from './problem-notice';
import { VariableSetEditor } from './variable-set-editor';

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

export function FarmRoleVariables({
  farmId,
  farmRole,
  canEdit,
}: {
  farmId: string;
  farmRole: { id: string; alias: string };
  canEdit: boolean;
}) {
  const resolved = useApi(`variables-resolved:${farmId}:${farmRole.id}`, (signal) =>
    variablesApi.resolved(farmId, farmRole.id, signal),
  );
  const headingId = `variables-${farmRole.id}`;
  return (
    <section className="farm-role-variables" aria-labelledby={headingId}>
      <h3 id={headingId}>Variables of {farmRole.alias}</h3>
      {resolved.error && !resolved.data && (
        <ProblemNotice problem={resolved.error} onRetry={resolved.reload} />
      )}
      {resolved.data && resolved.data.variables.length === 0 && (
        <p className="empty">No Global Variables reach this farm role yet.</p>
      )}
      {resolved.data && resolved.data.variables.length > 0 && (
        <table className="variable-table" aria-label={`Resolved variables of ${farmRole.alias}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">From</th>
              <th scope="col">Why it is this value</th>
            </tr>
          </thead>
          <tbody>
            {resolved.data.variables.map((v) => (
              <tr key={v.name} data-resolved={v.name}>
                <th scope="row">
                  {v.name}
                  {v.required && <span className="variable-flag">required</span>}
                  {v.final && <span className="variable-flag">final</span>}
                  {v.hidden && <span className="variable-flag">hidden</span>}
                </th>
                <td>{v.value ?? '—'}</td>
                <td>{labelOf(v.scope)}</td>
                <td>{why(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resolved.data && resolved.data.problems.length > 0 && (
        <ul className="notice notice-error" aria-label={`Variable problems of ${farmRole.alias}`}>
          {resolved.data.problems.map((p) => (
            <li key={`${p.kind}:${p.name}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
      <VariableSetEditor
        title={`Farm role ${farmRole.alias}`}
        path={variablePaths.farmRole(farmId, farmRole.id)}
        canEdit={canEdit}
        idPrefix={`fr-vars-${farmRole.id}`}
        onSaved={resolved.reload}
      />
    </section>
  );
}

/** The farm edit page's Variables section: one panel per saved farm role (a new one has no id yet). */
export function FarmVariablesSection({ farm, me }: { farm: Farm | undefined; me: MeView | undefined }) {
  if (!farm || farm.farmRoles.length === 0) return null;
  const canEdit = me !== undefined && may(me, 'variables:manage', farm.environmentId);
  return (
    <section aria-labelledby="farm-variables-heading">
      <h2 id="farm-variables-heading">Variables</h2>
      {farm.farmRoles.map((fr) => (
        <FarmRoleVariables key={fr.id} farmId={farm.id} farmRole={fr} canEdit={canEdit} />
      ))}
    </section>
  );
}
