'use client';
// The account's users: account role (changed in place), last sign-in, removal (confirmed), and
// adding one with an initial password (the local issuer's; Cognito invites by email instead).
import { useState } from 'react';
import type { User } from '../../lib/access-api';
import type { ApiState } from '../../lib/use-api';
import { UserForm } from './user-form';
import { UserTable } from './user-table';

export function UsersSection({ users, selfId }: { users: ApiState<User[]>; selfId: string | undefined }) {
  const [adding, setAdding] = useState(false);

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
      {adding && (
        <UserForm
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            users.reload();
          }}
        />
      )}
      <UserTable users={users} selfId={selfId} />
    </section>
  );
}
