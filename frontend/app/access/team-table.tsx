'use client';
// The account's teams: members, and each environment granted with its ACL role; edit (the
// section's form) and delete (confirmed).
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { type AclRole, accessApi, type Team, type User } from '../../lib/access-api';
import type { Environment } from '../../lib/api-client';
import type { ApiState } from '../../lib/use-api';
import { useRowAction } from '../../lib/use-row-action';
import './team-table.css';

const none = <span className="muted">none</span>;

function teamColumns(
  users: User[] | undefined,
  environments: Environment[] | undefined,
  aclRoles: AclRole[] | undefined,
): Column<Team>[] {
  const userName = (id: string) => users?.find((u) => u.id === id)?.name ?? id;
  const envName = (id: string) => environments?.find((e) => e.id === id)?.name ?? id;
  const roleName = (id: string) => aclRoles?.find((r) => r.id === id)?.name ?? id;
  return [
    {
      header: 'Team',
      cell: (t) => (
        <>
          <strong>{t.name}</strong>
          {t.description && <span className="row-note">{t.description}</span>}
        </>
      ),
    },
    { header: 'Members', cell: (t) => (t.memberIds.length ? t.memberIds.map(userName).join(', ') : none) },
    {
      header: 'Environments',
      cell: (t) =>
        t.grants.length
          ? t.grants.map((g) => `${envName(g.environmentId)} as ${roleName(g.aclRoleId)}`).join('; ')
          : none,
    },
  ];
}

export function TeamTable({
  teams,
  users,
  environments,
  aclRoles,
  editDisabled,
  onEdit,
}: {
  teams: ApiState<Team[]>;
  users: User[] | undefined;
  environments: Environment[] | undefined;
  aclRoles: AclRole[] | undefined;
  /** While a form is open, or before the lists a form needs have loaded. */
  editDisabled: boolean;
  onEdit: (team: Team) => void;
}) {
  const { asking: deleting, ask: askDelete, dismiss, busy, problem, run } = useRowAction<Team>();
  const remove = (team: Team) =>
    run(true, async () => {
      await accessApi.deleteTeam(team);
      teams.reload();
    });
  return (
    <>
      {problem && <ProblemNotice problem={problem} />}
      <div className="panel access-panel">
        <DataTable
          actionsWidth="10rem"
          className="team-table"
          align="middle"
          rows={teams.data}
          rowKey={(t) => t.id}
          rowAttributes={(t) => ({ 'data-team': t.id })}
          columns={teamColumns(users, environments, aclRoles)}
          actions={(t) => (
            <RowActions>
              <RowButton onClick={() => onEdit(t)} disabled={editDisabled}>
                Edit <span className="visually-hidden">{t.name}</span>
              </RowButton>
              <RowButton onClick={() => askDelete(t)}>
                Delete <span className="visually-hidden">{t.name}</span>
              </RowButton>
            </RowActions>
          )}
          empty="No teams: only the owner and admins reach environments."
          error={teams.error}
          onRetry={teams.reload}
        />
      </div>
      <ConfirmDialog
        open={Boolean(deleting)}
        title={`Delete team ${deleting?.name ?? ''}?`}
        confirmLabel="Delete team"
        danger
        busy={Boolean(busy)}
        onConfirm={() => deleting && remove(deleting)}
        onClose={dismiss}
      >
        <p>
          Its members lose the access its grants gave them. Farms owned by the team keep their owner user.
        </p>
      </ConfirmDialog>
    </>
  );
}
