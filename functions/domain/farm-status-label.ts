// The word a person reads for a farm's status. The API keeps the lifecycle status as it is
// (`Terminated` is where every farm starts, and what programs match on); a farm that has never
// been launched says so instead, since "Terminated" would suggest it once ran and was stopped.
import type { Farm, FarmStatus } from './schemas/farm';

export const NEVER_LAUNCHED = 'Never launched';

type LaunchHistory = Pick<Farm, 'status' | 'launchedAt' | 'launchRequestedAt'>;

/** True while a farm is Terminated and no launch was ever requested nor reached Running. */
export function neverLaunched(farm: LaunchHistory): boolean {
  return farm.status === 'Terminated' && !farm.launchedAt && !farm.launchRequestedAt;
}

/**
 * The status to show: `live` is a fresher status read from `/status` (it wins, except that a
 * live Terminated of a farm with no launch history still reads "Never launched").
 */
export function farmStatusLabel(farm: LaunchHistory, live?: FarmStatus): string {
  const status = live ?? farm.status;
  return neverLaunched({ ...farm, status }) ? NEVER_LAUNCHED : status;
}
