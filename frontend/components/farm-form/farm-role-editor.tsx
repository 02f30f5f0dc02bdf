'use client';
// One farm role in the farm form: placement (platform, role, credentials, region, zones,
// instance type from the cloud's own lists), network, volumes, scaling, timeouts and tags, each
// part in its own file. Every field's error comes from the shared schema's path, e.g.
// `farmRoles.0.zones`, through fieldScope.
import type { CloudCredentials, Role } from '../../lib/api-client';
import type { FarmRoleDraft } from '../../lib/farm-draft';
import type { FieldErrors } from '../../lib/field-errors';
import { fieldScope } from '../../lib/field-scope';
import { useLocations } from '../../lib/use-cloud-catalog';
import { KeyValueField, TextField } from '../form-field';
import { FarmRoleRegionAndType, FarmRoleZones } from './farm-role-location';
import { FarmRoleNetwork } from './farm-role-network';
import type { FarmRolePartProps } from './farm-role-part';
import { FarmRolePlacement } from './farm-role-placement';
import { FarmRoleScaling, FarmRoleVolumes } from './farm-role-scaling';

export function FarmRoleEditor({
  index,
  draft,
  environmentId,
  roles,
  credentials,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  draft: FarmRoleDraft;
  environmentId: string | undefined;
  roles: Role[] | undefined;
  credentials: CloudCredentials[] | undefined;
  errors: FieldErrors;
  onChange: (draft: FarmRoleDraft) => void;
  onRemove: () => void;
}) {
  const field = fieldScope(errors, `farmRoles.${index}`, `fr-${index}`);
  const part: FarmRolePartProps = { draft, field, set: (patch) => onChange({ ...draft, ...patch }) };
  const locations = useLocations(environmentId, draft.credentialsId);
  const legend = field('legend').id;

  return (
    <fieldset className="farm-role-editor" aria-labelledby={legend}>
      <div className="farm-role-editor-head">
        <h3 id={legend}>
          Farm role {index + 1}
          {draft.alias && <span className="muted"> · {draft.alias}</span>}
        </h3>
        <button type="button" className="button button-quiet" onClick={onRemove}>
          Remove <span className="visually-hidden">farm role {draft.alias || index + 1}</span>
        </button>
      </div>

      <div className="form-grid">
        <TextField
          {...field('alias')}
          label="Alias"
          hint="Used in server names"
          value={draft.alias}
          onChange={(alias) => part.set({ alias })}
        />
        <FarmRolePlacement {...part} roles={roles} credentials={credentials} />
        <FarmRoleRegionAndType {...part} environmentId={environmentId} locations={locations} />
      </div>
      <FarmRoleZones {...part} locations={locations} />

      <h4>Scaling and launch</h4>
      <FarmRoleScaling {...part} />
      <h4>Network</h4>
      <FarmRoleNetwork {...part} environmentId={environmentId} />
      <h4>Volumes</h4>
      <FarmRoleVolumes {...part} />
      <h4>Tags</h4>
      <KeyValueField
        {...field('tags')}
        label="Tags"
        value={draft.tags}
        onChange={(tags) => part.set({ tags })}
      />
    </fieldset>
  );
}
