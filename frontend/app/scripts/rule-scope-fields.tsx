'use client';
// Where an orchestration rule applies: account, or one environment / role / farm / farm role,
// with the id it needs picked from a list (a farm role from the chosen farm's).
import { SelectField } from '../../components/form-choices';
import type { Environment, Farm, Role } from '../../lib/api-client';
import { type RuleDraft, SCOPE_KINDS, type ScopeKind } from '../../lib/rule-draft';
import type { DraftPartProps } from '../../lib/use-draft-form';

const named = (items: { id: string; name: string }[]) => items.map((i) => ({ value: i.id, label: i.name }));

export function RuleScopeFields({
  draft,
  err,
  change,
  environments,
  roles,
  farms,
}: DraftPartProps<RuleDraft> & { environments: Environment[]; roles: Role[]; farms: Farm[] }) {
  const farm = farms.find((f) => f.id === draft.farmId);
  const kind = draft.scopeKind;
  return (
    <div className="form-grid">
      <SelectField
        id="rule-scope"
        label="Scope"
        error={err('scope.kind')}
        hint="Where the rule applies"
        options={SCOPE_KINDS.map(({ kind, label }) => ({ value: kind, label }))}
        value={kind}
        onChange={(value) => change({ scopeKind: value as ScopeKind })}
      />
      {kind === 'environment' && (
        <SelectField
          id="rule-environment"
          label="Environment"
          error={err('scope.environmentId')}
          empty="Choose an environment"
          options={named(environments)}
          value={draft.environmentId}
          onChange={(environmentId) => change({ environmentId })}
        />
      )}
      {kind === 'role' && (
        <SelectField
          id="rule-role"
          label="Role"
          error={err('scope.roleId')}
          empty="Choose a role"
          options={named(roles)}
          value={draft.roleId}
          onChange={(roleId) => change({ roleId })}
        />
      )}
      {(kind === 'farm' || kind === 'farmRole') && (
        <SelectField
          id="rule-farm"
          label="Farm"
          error={err('scope.farmId')}
          empty="Choose a farm"
          options={named(farms)}
          value={draft.farmId}
          onChange={(farmId) => change({ farmId, farmRoleId: '' })}
        />
      )}
      {kind === 'farmRole' && (
        <SelectField
          id="rule-farm-role"
          label="Farm role"
          error={err('scope.farmRoleId')}
          empty={farm ? 'Choose a farm role' : 'Choose a farm first'}
          options={(farm?.farmRoles ?? []).flatMap((fr) =>
            fr.id ? [{ value: fr.id, label: fr.alias }] : [],
          )}
          value={draft.farmRoleId}
          onChange={(farmRoleId) => change({ farmRoleId })}
        />
      )}
    </div>
  );
}
