// Instance id checks shared by the actions that address instances: EC2 rejects the whole
// request when any id is malformed or unknown, naming them all.
import { Ec2ApiError } from '../errors';
import type { Ec2Instance, Ec2State } from '../state';

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function requireInstances(state: Ec2State, region: string, ids: string[]): Ec2Instance[] {
  const malformed = ids.find((id) => !INSTANCE_ID.test(id));
  if (malformed) throw new Ec2ApiError('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  const found = ids.map((id) => [id, state.get(id)] as const);
  const missing = found.filter(([, i]) => !i || i.region !== region).map(([id]) => id);
  if (missing.length === 1) {
    throw new Ec2ApiError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  }
  if (missing.length > 1) {
    throw new Ec2ApiError(
      'InvalidInstanceID.NotFound',
      `The instance IDs '${missing.join(', ')}' do not exist`,
    );
  }
  return [...new Map(found.map(([id, i]) => [id, i!])).values()];
}
