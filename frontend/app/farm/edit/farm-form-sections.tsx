'use client';
// The two sections of the farm form: the farm itself (name, lease, description) and its farm
// roles, each a FarmRoleEditor; errors include the live policy check's, under the fields named.
import { FarmRoleEditor } from '../../../components/farm-form/farm-role-editor';
import { TextAreaField, TextField } from '../../../components/form-field';
import type { CloudCredentials, Role } from '../../../lib/api-client';
import { emptyFarmRole, type FarmDraft } from '../../../lib/farm-draft';
import { errorAt, type FieldErrors } from '../../../lib/field-errors';

interface SectionProps {
  draft: FarmDraft;
  change: (next: FarmDraft) => void;
  /** The schema's and the policy check's errors together. */
  shownErrors: FieldErrors;
}

export function FarmBasics({ draft, change, shownErrors, errors }: SectionProps & { errors: FieldErrors }) {
  return (
    <section className="panel form-section" aria-labelledby="farm-basics">
      <h2 id="farm-basics">Farm</h2>
      <div className="form-grid">
        <TextField
          id="farm-name"
          label="Name"
          error={errorAt(shownErrors, 'name')}
          value={draft.name}
          onChange={(value) => change({ ...draft, name: value })}
        />
        <TextField
          id="farm-lease"
          label="Lease expires"
          error={errorAt(shownErrors, 'leaseExpiresAt')}
          hint="Empty: never. The farm is terminated then."
          type="datetime-local"
          value={draft.leaseExpiresAt}
          onChange={(value) => change({ ...draft, leaseExpiresAt: value })}
        />
      </div>
      <TextAreaField
        id="farm-description"
        label="Description"
        error={errorAt(errors, 'description')}
        rows={2}
        value={draft.description}
        onChange={(value) => change({ ...draft, description: value })}
      />
    </section>
  );
}

/** A new farm role: the next free conventional alias, after the others in launch order, on AWS when it can. */
function nextFarmRole(draft: FarmDraft, credentials: CloudCredentials[] | undefined) {
  const platform = credentials?.some((c) => c.platform === 'aws') || !credentials?.length ? 'aws' : 'gce';
  const used = new Set(draft.farmRoles.map((fr) => fr.alias));
  const alias =
    ['web', 'app', 'worker', 'db'].find((a) => !used.has(a)) ?? `role-${draft.farmRoles.length + 1}`;
  const order = draft.farmRoles.reduce((max, fr) => Math.max(max, Number(fr.launchOrder) || 0), -1) + 1;
  const farmRole = emptyFarmRole(platform, alias, order);
  farmRole.credentialsId = credentials?.find((c) => c.platform === platform)?.id ?? '';
  return farmRole;
}

export function FarmRolesSection({
  draft,
  change,
  shownErrors,
  environmentId,
  roles,
  credentials,
}: SectionProps & {
  environmentId: string | undefined;
  roles: Role[] | undefined;
  credentials: CloudCredentials[] | undefined;
}) {
  return (
    <section aria-labelledby="farm-roles-heading">
      <h2 id="farm-roles-heading">
        Farm roles <span className="count">{draft.farmRoles.length}</span>
      </h2>
      <p className="field-error">{shownErrors.farmRoles ?? ''}</p>
      {draft.farmRoles.length === 0 && (
        <p className="empty panel">No farm roles yet: add one to say what runs where.</p>
      )}
      {draft.farmRoles.map((fr, i) => (
        <FarmRoleEditor
          key={fr.key}
          index={i}
          draft={fr}
          environmentId={environmentId}
          roles={roles}
          credentials={credentials}
          errors={shownErrors}
          onChange={(next) =>
            change({ ...draft, farmRoles: draft.farmRoles.map((x, j) => (j === i ? next : x)) })
          }
          onRemove={() => change({ ...draft, farmRoles: draft.farmRoles.filter((_, j) => j !== i) })}
        />
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          change({ ...draft, farmRoles: [...draft.farmRoles, nextFarmRole(draft, credentials)] })
        }
      >
        Add farm role
      </button>
    </section>
  );
}
