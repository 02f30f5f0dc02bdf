'use client';
// Creates or edits one of the account's own ACL roles (If-Match): name, description and the
// permission matrix, checked with the API's AclRoleInput.
import { type AclPermissions, AclRoleInput } from '../../../functions/domain/access/acl-role';
import { DraftForm } from '../../components/draft-form';
import { NameFields } from '../../components/name-fields';
import { type AclRole, accessApi } from '../../lib/access-api';
import { checkWith, useDraftForm } from '../../lib/use-draft-form';
import { PermissionMatrix } from './permission-matrix';

interface RoleDraft {
  name: string;
  description: string;
  permissions: AclPermissions;
}

const validate = (draft: RoleDraft) => checkWith(AclRoleInput, draft);

export function AclRoleForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing?: AclRole;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: (): RoleDraft => ({
      name: editing?.name ?? '',
      description: editing?.description ?? '',
      permissions: editing?.permissions ?? { 'farms:view': 'all' },
    }),
    validate,
    save: async (input: AclRoleInput) => {
      if (editing) await accessApi.updateAclRole(editing, input);
      else await accessApi.createAclRole(input);
      onSaved();
    },
    keyboard: true,
  });
  const { draft, err, errors, change } = form;
  const permissionError = Object.entries(errors).find(([path]) => path.startsWith('permissions'));
  return (
    <DraftForm
      form={form}
      id="acl-form"
      title={editing ? `Edit ACL role ${editing.name}` : 'New ACL role'}
      saveLabel="Save ACL role"
      onCancel={onCancel}
    >
      <NameFields
        idPrefix="acl"
        name={draft.name}
        description={draft.description}
        err={err}
        onChange={change}
      />
      <PermissionMatrix
        idPrefix="acl-edit"
        permissions={draft.permissions}
        onChange={(permissions) => change({ permissions })}
      />
      <p className="field-error">{permissionError ? `${permissionError[0]}: ${permissionError[1]}` : ''}</p>
    </DraftForm>
  );
}
