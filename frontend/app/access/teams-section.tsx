'use client';
// Teams: their members and the environments they are granted, each with an ACL role (Scalr's
// model: a user's rights in an environment are the union of their teams' grants there). Create,
// edit (If-Match) and delete (confirmed) with the API's TeamInput.
import { useState } from 'react';
import type { AclRole, Team, User } from '../../lib/access-api';
import type { Environment } from '../../lib/api-client';
import type { ApiState } from '../../lib/use-api';
import { TeamForm } from './team-form';
import { TeamTable } from './team-table';

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
  const ready = users && environments && aclRoles;

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
      <TeamTable
        teams={teams}
        users={users}
        environments={environments}
        aclRoles={aclRoles}
        editDisabled={Boolean(form) || !ready}
        onEdit={(team) => setForm({ item: team })}
      />
    </section>
  );
}
