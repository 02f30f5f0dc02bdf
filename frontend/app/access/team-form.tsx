'use client';
// Creates or edits a team (If-Match): its name, members, and the environments it is granted,
// each with an ACL role, checked with the API's TeamInput.
import { TeamInput } from '../../../functions/domain/access/team';
import { DraftForm } from '../../components/draft-form';
import { CheckGroup, CheckList } from '../../components/form-choices';
import { FormField } from '../../components/form-field';
import { NameFields } from '../../components/name-fields';
import { type AclRole, accessApi, type Team, type User } from '../../lib/access-api';
import type { Environment } from '../../lib/api-client';
import { checkWith, useDraftForm } from '../../lib/use-draft-form';

interface TeamDraft {
  name: string;
  description: string;
  memberIds: string[];
  /** Environment id → ACL role id; absent: not granted. */
  grants: Record<string, string>;
}

const validate = (draft: TeamDraft) =>
  checkWith(TeamInput, {
    name: draft.name,
    description: draft.description,
    memberIds: draft.memberIds,
    grants: Object.entries(draft.grants).map(([environmentId, aclRoleId]) => ({ environmentId, aclRoleId })),
  });

function GrantFields({
  environments,
  aclRoles,
  grants,
  onChange,
}: {
  environments: Environment[];
  aclRoles: AclRole[];
  grants: TeamDraft['grants'];
  onChange: (grants: TeamDraft['grants']) => void;
}) {
  return (
    <div className="grant-list">
      {environments.map((env) => (
        <FormField key={env.id} id={`team-grant-${env.id}`} label={env.name}>
          {(p) => (
            <select
              {...p}
              value={grants[env.id] ?? ''}
              onChange={(e) => {
                const { [env.id]: _dropped, ...rest } = grants;
                onChange(e.target.value ? { ...rest, [env.id]: e.target.value } : rest);
              }}
            >
              <option value="">No access</option>
              {aclRoles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ))}
    </div>
  );
}

export function TeamForm({
  editing,
  users,
  environments,
  aclRoles,
  onSaved,
  onCancel,
}: {
  editing?: Team;
  users: User[];
  environments: Environment[];
  aclRoles: AclRole[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: (): TeamDraft => ({
      name: editing?.name ?? '',
      description: editing?.description ?? '',
      memberIds: editing?.memberIds ?? [],
      grants: Object.fromEntries((editing?.grants ?? []).map((g) => [g.environmentId, g.aclRoleId])),
    }),
    validate,
    save: async (input: TeamInput) => {
      if (editing) await accessApi.updateTeam(editing, input);
      else await accessApi.createTeam(input);
      onSaved();
    },
    keyboard: true,
  });
  const { draft, err, change } = form;
  return (
    <DraftForm
      form={form}
      id="team-form"
      title={editing ? `Edit team ${editing.name}` : 'New team'}
      saveLabel="Save team"
      onCancel={onCancel}
    >
      <NameFields
        idPrefix="team"
        name={draft.name}
        description={draft.description}
        err={err}
        onChange={change}
      />
      <CheckGroup id="team-members" legend="Members" error={err('memberIds')}>
        <CheckList
          idPrefix="team-member"
          choices={users.map((u) => ({ value: u.id, label: u.name }))}
          value={draft.memberIds}
          onChange={(memberIds) => change({ memberIds })}
        />
      </CheckGroup>
      <CheckGroup id="team-grants" legend="Environments" error={err('grants')}>
        <GrantFields
          environments={environments}
          aclRoles={aclRoles}
          grants={draft.grants}
          onChange={(grants) => change({ grants })}
        />
      </CheckGroup>
    </DraftForm>
  );
}
