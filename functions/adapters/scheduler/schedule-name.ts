// The name of a farm's schedule in the Drover schedule group. EventBridge Scheduler names are
// 1–64 characters of [0-9a-zA-Z-_.] and unique per group. Farm ids already read `farm-<ulid>`
// (31 characters), so the id itself is the name and `farm-farm-…` is avoided; an id without the
// prefix (imported, hand-made in a test) gets it, so every schedule in the group reads `farm-…`.

export const SCHEDULE_NAME_PREFIX = 'farm-';
export const SCHEDULE_NAME_MAX_LENGTH = 64;
const SCHEDULE_NAME_PATTERN = /^[0-9a-zA-Z_.-]+$/;

/** A farm id that cannot name a schedule (too long, or characters Scheduler refuses). */
export class InvalidScheduleName extends Error {
  constructor(
    readonly farmId: string,
    reason: string,
  ) {
    super(`farm id '${farmId}' cannot name an EventBridge schedule: ${reason}`);
    this.name = 'InvalidScheduleName';
  }
}

export function scheduleNameFor(farmId: string): string {
  const name = farmId.startsWith(SCHEDULE_NAME_PREFIX) ? farmId : `${SCHEDULE_NAME_PREFIX}${farmId}`;
  if (farmId.length === 0) throw new InvalidScheduleName(farmId, 'it is empty');
  if (name.length > SCHEDULE_NAME_MAX_LENGTH) {
    throw new InvalidScheduleName(farmId, `'${name}' is longer than ${SCHEDULE_NAME_MAX_LENGTH} characters`);
  }
  if (!SCHEDULE_NAME_PATTERN.test(name)) {
    throw new InvalidScheduleName(farmId, 'only letters, digits, "-", "_" and "." are allowed');
  }
  return name;
}
