'use client';
// The account's users: account role (changed in place), last sign-in, removal (confirmed), and
// adding one with an initial password (the local issuer's; Cognito invites by email instead).
import { useState } from 'react';
import { AccountRole } from '../../../functions/domain/access/permissions';
import { UserInput } from '../../../functions/domain/access/user';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FormActions } from '../../components/form-actions';
import { FormField, TextField } from '../../components/form-field';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { accessApi, type User } from '../../lib/access-api';
import { errorsFromZod } from '../../lib/field-errors';
import type { ApiState } from '../../lib/use-api';
import { type Checked, useDraftForm } from '../../lib/use-draft-form';
import { useRowAction } from '../../lib/use-row-action';

interface UserDraft {
  email: string;
  name: string;
  accountRole: AccountRole;
  initialPassword: string;
}

function validate(draft: UserDraft): Checked<UserInput> {
  const parsed = UserInput.safeParse({ ...draft, initialPassword: draft.initialPassword || undefined });
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

function UserForm({ onSaved, onCancel }: { onSaved: (user: User) => void; onCancel: () => void }) {
  const { draft, err, problem, saving, formRef, change, onSubmit } = useDraftForm({
    initial: (): UserDraft => ({ email: '', name: '', accountRole: 'user', initialPassword: '' }),
    validate,
    save: async (input: UserInput) => onSaved(await accessApi.createUser(input)),
    keyboard: true,
  });
  return (
    <form
      ref={formRef}
      className="panel form-section"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="user-form-heading"
    >
      <h3 id="user-form-heading">Add user</h3>
      {problem && <ProblemNotice problem={problem} />}
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
        <FormField id="user-role" label="Account role" error={err('accountRole')}>
          {(p) => (
            <select
              {...p}
              value={draft.accountRole}
              onChange={(e) => change({ accountRole: e.target.value as AccountRole })}
            >
              {AccountRole.options.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          )}
        </FormField>
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
      <FormActions saving={saving} saveLabel="Add user" onCancel={onCancel} />
    </form>
  );
}

export function UsersSection({ users, selfId }: { users: ApiState<User[]>; selfId: string | undefined }) {
  const [adding, setAdding] = useState(false);
  const { asking: removing, ask: askRemove, dismiss, busy, problem, run } = useRowAction<User, string>();
  const act = (userId: string, action: () => Promise<unknown>) =>
    run(userId, async () => {
      await action();
      users.reload();
    });

  return (
    <section aria-labelledby="users-heading" className="access-section">
      <div className="section-heading">
        <h2 id="users-heading">
          Users <span className="count">{users.data?.length ?? ''}</span>
        </h2>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setAdding(true)}
          disabled={adding}
        >
          Add user
        </button>
      </div>
      {users.error && <ProblemNotice problem={users.error} onRetry={users.reload} />}
      {problem && <ProblemNotice problem={problem} />}
      {adding && (
        <UserForm
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            users.reload();
          }}
        />
      )}
      <div className="panel access-panel">
        <table className="data-table card-table user-table" aria-busy={!users.data}>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Account role</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {!users.data && <PlaceholderRow cells={4} />}
            {users.data?.map((u) => (
              <tr key={u.id} data-user={u.id}>
                <td data-label="User">
                  <strong>{u.name}</strong>
                  <span className="row-note mono">{u.email}</span>
                </td>
                <td data-label="Account role">
                  {u.accountRole === 'owner' || u.id === selfId ? (
                    u.accountRole
                  ) : (
                    <select
                      aria-label={`Account role of ${u.name}`}
                      value={u.accountRole}
                      disabled={busy === u.id}
                      onChange={(e) =>
                        act(u.id, () => accessApi.changeAccountRole(u.id, e.target.value as AccountRole))
                      }
                    >
                      {AccountRole.options
                        .filter((r) => r !== 'owner')
                        .map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                    </select>
                  )}
                </td>
                <td data-label="Last sign-in">
                  {u.lastSignInAt ? <TimeAgo iso={u.lastSignInAt} /> : <span className="muted">never</span>}
                </td>
                <td className="actions-cell">
                  {u.accountRole !== 'owner' && u.id !== selfId && (
                    <div className="row-actions">
                      <button type="button" className="button button-quiet" onClick={() => askRemove(u)}>
                        Remove <span className="visually-hidden">{u.name}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={Boolean(removing)}
        title={`Remove ${removing?.name ?? 'user'}?`}
        confirmLabel="Remove user"
        danger
        busy={Boolean(busy)}
        onConfirm={() => removing && act(removing.id, () => accessApi.deleteUser(removing.id))}
        onClose={dismiss}
      >
        <p>They can no longer sign in, and their API tokens stop working. Farms they own stay.</p>
      </ConfirmDialog>
    </section>
  );
}
