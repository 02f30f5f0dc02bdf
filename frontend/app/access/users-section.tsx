'use client';
// The account's users: account role (changed in place), last sign-in, removal (confirmed), and
// adding one with an initial password (the local issuer's; Cognito invites by email instead).
import { useState } from 'react';
import { AccountRole } from '../../../functions/domain/access/permissions';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { accessApi, type User } from '../../lib/access-api';
import type { ApiState } from '../../lib/use-api';
import { useRowAction } from '../../lib/use-row-action';
import { UserForm } from './user-form';

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
