'use client';
// Adds a user with an account role and an initial password (the local issuer's; Cognito invites
// by email instead), checked with the API's UserInput.
import { AccountRole } from '../../../functions/domain/access/permissions';
import { UserInput } from '../../../functions/domain/access/user';
import { DraftForm } from '../../components/draft-form';
import { choicesOf, SelectField } from '../../components/form-choices';
import { TextField } from '../../components/form-field';
import { accessApi, type User } from '../../lib/access-api';
import { checkWith, useDraftForm } from '../../lib/use-draft-form';

interface UserDraft {
  email: string;
  name: string;
  accountRole: AccountRole;
  initialPassword: string;
}

const validate = (draft: UserDraft) =>
  checkWith(UserInput, { ...draft, initialPassword: draft.initialPassword || undefined });

export function UserForm({ onSaved, onCancel }: { onSaved: (user: User) => void; onCancel: () => void }) {
  const form = useDraftForm({
    initial: (): UserDraft => ({ email: '', name: '', accountRole: 'user', initialPassword: '' }),
    validate,
    save: async (input: UserInput) => onSaved(await accessApi.createUser(input)),
    keyboard: true,
  });
  const { draft, err, change } = form;
  return (
    <DraftForm form={form} id="user-form" title="Add user" saveLabel="Add user" onCancel={onCancel}>
      <div className="form-grid">
        <TextField
          id="user-email"
          label="Email"
          type="email"
          error={err('email')}
          value={draft.email}
          onChange={(email) => change({ email })}
        />
        <TextField
          id="user-name"
          label="Name"
          error={err('name')}
          value={draft.name}
          onChange={(name) => change({ name })}
        />
        <SelectField
          id="user-role"
          label="Account role"
          error={err('accountRole')}
          options={choicesOf(AccountRole.options)}
          value={draft.accountRole}
          onChange={(value) => change({ accountRole: value as AccountRole })}
        />
        <TextField
          id="user-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters; tell it to the user."
          error={err('initialPassword')}
          value={draft.initialPassword}
          onChange={(initialPassword) => change({ initialPassword })}
        />
      </div>
    </DraftForm>
  );
}
