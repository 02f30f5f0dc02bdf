'use client';
// The account's users: name and email, account role (changed in place, except the owner's and
// one's own), last sign-in, and removal (confirmed).
import { AccountRole } from '../../../functions/domain/access/permissions';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { accessApi, type User } from '../../lib/access-api';
import type { ApiState } from '../../lib/use-api';
import { useRowAction } from '../../lib/use-row-action';
import './user-table.css';

function RoleSelect({
  user: u,
  busy,
  onChange,
}: {
  user: User;
  busy: boolean;
  onChange: (role: AccountRole) => void;
}) {
  return (
    <select
      aria-label={`Account role of ${u.name}`}
      value={u.accountRole}
      disabled={busy}
      onChange={(e) => onChange(e.target.value as AccountRole)}
    >
      {AccountRole.options
        .filter((r) => r !== 'owner')
        .map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
    </select>
  );
}

export function UserTable({ users, selfId }: { users: ApiState<User[]>; selfId: string | undefined }) {
  const { asking: removing, ask: askRemove, dismiss, busy, problem, run } = useRowAction<User, string>();
  const act = (userId: string, action: () => Promise<unknown>) =>
    run(userId, async () => {
      await action();
      users.reload();
    });
  /** The owner stays owner, and nobody demotes or removes themself. */
  const fixed = (u: User) => u.accountRole === 'owner' || u.id === selfId;
  const columns: Column<User>[] = [
    {
      header: 'User',
      cell: (u) => (
        <>
          <strong>{u.name}</strong>
          <span className="row-note mono">{u.email}</span>
        </>
      ),
    },
    {
      header: 'Account role',
      width: '10rem',
      cell: (u) =>
        fixed(u) ? (
          u.accountRole
        ) : (
          <RoleSelect
            user={u}
            busy={busy === u.id}
            onChange={(role) => act(u.id, () => accessApi.changeAccountRole(u.id, role))}
          />
        ),
    },
    {
      header: 'Last sign-in',
      cell: (u) => (u.lastSignInAt ? <TimeAgo iso={u.lastSignInAt} /> : <span className="muted">never</span>),
    },
  ];
  return (
    <>
      {problem && <ProblemNotice problem={problem} />}
      <div className="panel access-panel">
        <DataTable
          actionsWidth="10rem"
          className="user-table"
          align="middle"
          rows={users.data}
          rowKey={(u) => u.id}
          rowAttributes={(u) => ({ 'data-user': u.id })}
          columns={columns}
          actions={(u) =>
            !fixed(u) && (
              <RowActions>
                <RowButton onClick={() => askRemove(u)}>
                  Remove <span className="visually-hidden">{u.name}</span>
                </RowButton>
              </RowActions>
            )
          }
          error={users.error}
          onRetry={users.reload}
        />
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
    </>
  );
}
