'use client';
// The farm role's Global Variables on the farm edit page: what each variable resolves to here and
// why (resolved-variables-table.tsx), the problems that would hold a launch, and the farm role's
// own declarations to edit. Hidden values stay masked.
import './variables.css';
import type { Farm } from '../lib/api-client';
import { type MeView, may } from '../lib/me-permissions';
import { useApi } from '../lib/use-api';
import { variableScopes, variablesApi } from '../lib/variables-api';
import { ResolvedVariablesTable } from './resolved-variables-table';
import { VariableSetEditor } from './variable-set-editor';

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
      <div className="panel">
        <ResolvedVariablesTable
          variables={resolved.data?.variables}
          label={`Resolved variables of ${farmRole.alias}`}
          error={resolved.data ? undefined : resolved.error}
          onRetry={resolved.reload}
        />
      </div>
      {resolved.data && resolved.data.problems.length > 0 && (
        <ul className="notice notice-error" aria-label={`Variable problems of ${farmRole.alias}`}>
          {resolved.data.problems.map((p) => (
            <li key={`${p.kind}:${p.name}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
      <VariableSetEditor
        title={`Farm role ${farmRole.alias}`}
        scope={variableScopes.farmRole(farmId, farmRole.id)}
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
