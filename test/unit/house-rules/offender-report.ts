// Compares what a rule found with the pending allow-list, and words the failure so the offenders
// can be read straight from the test output.
import type { Area } from './pending-offenders';

export interface OffenderReport {
  /** Offenders no area has claimed: the rule is broken by these. */
  unlisted: string[];
  /** Allow-listed entries that no longer offend: remove them from pending-offenders.ts. */
  fixed: string[];
}

export function compareWithPending(
  found: readonly string[],
  pending: Readonly<Record<string, Area>>,
): OffenderReport {
  const foundKeys = new Set(found);
  return {
    unlisted: found.filter((key) => !(key in pending)),
    fixed: Object.keys(pending)
      .filter((key) => !foundKeys.has(key))
      .sort(),
  };
}

export function describeOffenders(rule: string, offenders: readonly string[]): string {
  return `${rule} — ${offenders.length} offender(s):\n  ${offenders.join('\n  ')}\n`;
}
