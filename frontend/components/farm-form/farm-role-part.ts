// What each part of the farm role editor is given: the farm role's draft, a patch setter, and
// the id and error of a field by its path inside the farm role (`fieldScope` of `farmRoles.<i>`).
import type { FarmRoleDraft } from '../../lib/farm-draft';
import type { FieldIdentity } from '../../lib/field-scope';

export interface FarmRolePartProps {
  draft: FarmRoleDraft;
  set: (patch: Partial<FarmRoleDraft>) => void;
  field: (path: string) => FieldIdentity;
}
