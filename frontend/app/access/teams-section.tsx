'use client';
// Teams: their members and the environments they are granted, each with an ACL role (Scalr's
// model: a user's rights in an environment are the union of their teams' grants there). Create,
// edit (If-Match) and delete (confirmed) with the API's TeamInput.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { type AclRole, accessApi, type Team, type User } from '../../lib/access-api';
import type { Environment } from '../../lib/api-client';
import type { ApiState } from '../../lib/use-api';
import { useRowAction } from '../../lib/use-row-action';
import { TeamForm } from './team-form';

export function TeamsSection({
  teams,
  users,
  environments,
  aclRoles,
}: {
  teams: ApiState<Team[]>;
  users: User[] | undefined;
  environments: Environment[] | undefined;
  aclRoles: AclRole[] | undefined;
}) {
  const [form, setForm] = useState<{ item?: Team }>();
  const { asking: deleting, ask: askDelete, dismiss, busy, problem, run } = useRowAction<Team>();
  const userName = (id: string) => users?.find((u) => u.id === id)?.name ?? id;
  const envName = (id: string) => environments?.find((e) => e.id === id)?.name ?? id;
  const roleName = (id: string) => aclRoles?.find((r) => r.id === id)?.name ?? id;
  const ready = users && environments && aclRoles;

  const remove = (team: Team) =>
    run(true, async () => {
      await accessApi.deleteTeam(team);
      teams.reload();
    });

  return (
    <section aria-labelledby="teams-heading" className="access-section">
      <div className="section-heading">
        <h2 id="teams-heading">
          Teams <span className="count">{teams.data?.length ?? ''}</span>
        </h2>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setForm({})}
          disabled={Boolean(form) || !ready}
        >
          New team
        </button>
      </div>
      {teams.error && <ProblemNotice problem={teams.error} onRetry={teams.reload} />}
      {problem && <ProblemNotice problem={problem} />}
      {form && ready && (
        <TeamForm
          key={form.item?.id ?? 'new'}
          editing={form.item}
          users={users}
          environments={environments}
          aclRoles={aclRoles}
          onCancel={() => setForm(undefined)}
          onSaved={() => {
            setForm(undefined);
            teams.reload();
          }}
        />
      )}
      <div className="panel access-panel">
        <table className="data-table card-table team-table" aria-busy={!teams.data}>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Members</th>
              <th scope="col">Environments</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {!teams.data && <PlaceholderRow cells={4} />}
            {teams.data?.map((t) => (
              <tr key={t.id} data-team={t.id}>
                <td data-label="Team">
                  <strong>{t.name}</strong>
                  {t.description && <span className="row-note">{t.description}</span>}
                </td>
                <td data-label="Members">
                  {t.memberIds.length ? (
                    t.memberIds.map(userName).join(', ')
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                <td data-label="Environments">
                  {t.grants.length ? (
                    t.grants.map((g) => `${envName(g.environmentId)} as ${roleName(g.aclRoleId)}`).join('; ')
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
                <td className="actions-cell">
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => setForm({ item: t })}
                      disabled={Boolean(form) || !ready}
                    >
                      Edit <span className="visually-hidden">{t.name}</span>
                    </button>
                    <button type="button" className="button button-quiet" onClick={() => askDelete(t)}>
                      Delete <span className="visually-hidden">{t.name}</span>
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {teams.data?.length === 0 && (
          <p className="empty">No teams: only the owner and admins reach environments.</p>
        )}
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
    </section>
  );
}
