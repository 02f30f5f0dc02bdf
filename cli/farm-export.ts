// A stored farm as the file `drover apply -f` and `drover plan -f` read back: `kind: Farm`, the
// spec at the top (name, description, lease, farm roles with their ids), and what the server owns
// kept apart — `metadata` (id, version, environment, owner, times) and `status` — which apply
// ignores except `metadata.version` (its If-Match) and `metadata.id` (which farm it is, even
// renamed). `drover get farm NAME -o yaml > farm.yaml`, edit, apply: the kubectl round trip.
import type { Farm } from '../functions/domain/schemas';

/** The keys of a farm a file declares (FarmSpec); everything else the server owns. */
const SPEC_KEYS = ['name', 'description', 'leaseExpiresAt', 'farmRoles'] as const;
const STATUS_KEYS = ['status', 'launchedAt', 'launchRequestedAt'] as const;

export interface FarmFile {
  kind: 'Farm';
  metadata: Record<string, unknown>;
  [key: string]: unknown;
}

export function farmFileOf(farm: Farm): FarmFile {
  const metadata: Record<string, unknown> = {};
  const status: Record<string, unknown> = {};
  const spec: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(farm)) {
    if ((SPEC_KEYS as readonly string[]).includes(key)) spec[key] = value;
    else if ((STATUS_KEYS as readonly string[]).includes(key))
      status[key === 'status' ? 'phase' : key] = value;
    else metadata[key] = value;
  }
  return { kind: 'Farm', metadata, ...spec, status };
}
