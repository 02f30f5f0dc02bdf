'use client';
import type { AclPermissions } from '../../../functions/domain/access/acl-role';
import {
  type FarmScope,
  type Permission,
  RESOURCE_ACTIONS,
} from '../../../functions/domain/access/permissions';

const SCOPED = new Set(['farms', 'servers']);
const ACTIONS = [...new Set(Object.values(RESOURCE_ACTIONS).flat())];

export function PermissionMatrix({
  idPrefix,
  permissions,
  onChange,
}: {
  idPrefix: string;
  permissions: AclPermissions;
  /** Absent: read-only. */
  onChange?: (next: AclPermissions) => void;
}) {
  function set(permission: Permission, scope: FarmScope | undefined) {
    if (!onChange) return;
    const { [permission]: _dropped, ...rest } = permissions;
    onChange(scope ? { ...rest, [permission]: scope } : rest);
  }

  return (
    <div className="matrix-scroll">
      <table className="permission-matrix">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            {ACTIONS.map((a) => (
              <th key={a} scope="col">
                {a}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(RESOURCE_ACTIONS).map(([resource, actions]) => (
            <tr key={resource}>
              <th scope="row">{resource}</th>
              {ACTIONS.map((action) => {
                if (!(actions as readonly string[]).includes(action))
                  return (
                    <td key={action} className="matrix-none">
                      <span aria-hidden="true">·</span>
                    </td>
                  );
                const permission = `${resource}:${action}` as Permission;
                const scope = permissions[permission];
                const id = `${idPrefix}-${resource}-${action}`;
                return (
                  <td key={action} data-label={action}>
                    {SCOPED.has(resource) ? (
                      <select
                        id={id}
                        aria-label={permission}
                        value={scope ?? ''}
                        disabled={!onChange}
                        onChange={(e) =>
                          set(permission, (e.target.value || undefined) as FarmScope | undefined)
                        }
                      >
                        <option value="">—</option>
                        <option value="own">own</option>
                        <option value="team">team</option>
                        <option value="all">all</option>
                      </select>
                    ) : (
                      <input
                        id={id}
                        type="checkbox"
                        aria-label={permission}
                        checked={Boolean(scope)}
                        disabled={!onChange}
                        onChange={(e) => set(permission, e.target.checked ? 'all' : undefined)}
                      />
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
