'use client';
// ACL roles: the built-ins (full access, read only, developer) to read, and the account's own to
// create, edit (If-Match) and delete, each as a permission matrix.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ProblemNotice } from '../../components/problem-notice';
import { type AclRole, accessApi } from '../../lib/access-api';
import type { ApiState } from '../../lib/use-api';
import { useRowAction } from '../../lib/use-row-action';
import { AclRoleForm } from './acl-role-form';
import { PermissionMatrix } from './permission-matrix';

export function AclRolesSection({ aclRoles, manage }: { aclRoles: ApiState<AclRole[]>; manage: boolean }) {
  const [open, setOpen] = useState<string>();
  const [form, setForm] = useState<{ item?: AclRole }>();
  const { asking: deleting, ask: askDelete, dismiss, busy, problem, run } = useRowAction<AclRole>();

  const remove = (role: AclRole) =>
    run(true, async () => {
      await accessApi.deleteAclRole(role);
      aclRoles.reload();
    });

  return (
    <section aria-labelledby="acl-heading" className="access-section">
      <div className="section-heading">
        <h2 id="acl-heading">
          ACL roles <span className="count">{aclRoles.data?.length ?? ''}</span>
        </h2>
        {manage && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setForm({})}
            disabled={Boolean(form)}
          >
            New ACL role
          </button>
        )}
      </div>
      {aclRoles.error && <ProblemNotice problem={aclRoles.error} onRetry={aclRoles.reload} />}
      {problem && <ProblemNotice problem={problem} />}
      {form && (
        <AclRoleForm
          key={form.item?.id ?? 'new'}
          editing={form.item}
          onCancel={() => setForm(undefined)}
          onSaved={() => {
            setForm(undefined);
            aclRoles.reload();
          }}
        />
      )}
      <ul className="acl-list">
        {aclRoles.data?.map((r) => (
          <AclRoleItem
            key={r.id}
            role={r}
            manage={manage}
            open={open === r.id}
            onToggle={() => setOpen(open === r.id ? undefined : r.id)}
            editLocked={Boolean(form)}
            onEdit={() => setForm({ item: r })}
            onDelete={() => askDelete(r)}
          />
        ))}
      </ul>
      <ConfirmDialog
        open={Boolean(deleting)}
        title={`Delete ACL role ${deleting?.name ?? ''}?`}
        confirmLabel="Delete ACL role"
        danger
        busy={Boolean(busy)}
        onConfirm={() => deleting && remove(deleting)}
        onClose={dismiss}
      >
        <p>Only a role no team grants can be deleted; the API says which teams still use it.</p>
      </ConfirmDialog>
    </section>
  );
}

// One role of the list: its name and note, and the buttons that show its matrix, edit or delete it.
function AclRoleItem({
  role: r,
  manage,
  open,
  onToggle,
  editLocked,
  onEdit,
  onDelete,
}: {
  role: AclRole;
  manage: boolean;
  open: boolean;
  onToggle: () => void;
  editLocked: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <li className="panel acl-role" data-acl-role={r.id}>
      <div className="acl-role-head">
        <div>
          <strong>{r.name}</strong> {r.builtIn && <span className="badge badge-off">built-in</span>}
          <span className="row-note">
            {r.description || '\u00a0'} · {Object.keys(r.permissions).length} permissions
          </span>
        </div>
        <div className="row-actions wrap-actions">
          <button type="button" className="button button-quiet" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide' : 'Permissions'} <span className="visually-hidden">of {r.name}</span>
          </button>
          {manage && !r.builtIn && (
            <>
              <button type="button" className="button button-quiet" onClick={onEdit} disabled={editLocked}>
                Edit <span className="visually-hidden">{r.name}</span>
              </button>
              <button type="button" className="button button-quiet" onClick={onDelete}>
                Delete <span className="visually-hidden">{r.name}</span>
              </button>
            </>
          )}
        </div>
      </div>
      {open && <PermissionMatrix idPrefix={`acl-${r.id}`} permissions={r.permissions} />}
    </li>
  );
}
