// Farm leases: how long a launched farm may live under the environment's farm-lease policies,
// and where in its life a running farm is (the reconciler warns once, then terminates).
import type { Platform } from '../schemas/common';
import type { Policy } from '../schemas/policy';

const HOUR_MS = 3_600_000;

/** The strictest enabled farm-lease rule reaching any of the farm's platforms, if any. */
export function leaseRuleFor(policies: readonly Policy[], platforms: readonly Platform[]) {
  let strictest: { maxLifetimeHours: number; warnBeforeHours: number; policy: Policy } | undefined;
  for (const policy of policies) {
    if (!policy.enabled || policy.rule.kind !== 'farm-lease') continue;
    if (policy.platform !== null && !platforms.includes(policy.platform)) continue;
    if (!strictest || policy.rule.maxLifetimeHours < strictest.maxLifetimeHours)
      strictest = { ...policy.rule, policy };
  }
  return strictest;
}

/**
 * The lease a farm launched at `now` gets: the policy's maximum, or the farm's own earlier
 * lease when it asked for less. Null when no policy limits it and it set none (or its own has passed).
 */
export function leaseAtLaunch(
  current: string | null,
  policies: readonly Policy[],
  platforms: readonly Platform[],
  now: Date,
): string | null {
  const rule = leaseRuleFor(policies, platforms);
  // A lease that has already passed belongs to an earlier life of the farm: it does not end this one at once.
  if (!rule) return current && Date.parse(current) > now.getTime() ? current : null;
  const latest = now.getTime() + rule.maxLifetimeHours * HOUR_MS;
  if (current && Date.parse(current) > now.getTime() && Date.parse(current) <= latest) return current;
  return new Date(latest).toISOString();
}

export type LeasePhase = 'none' | 'running' | 'warning' | 'expired';

export function leasePhase(leaseExpiresAt: string | null, warnBeforeHours: number, now: Date): LeasePhase {
  if (!leaseExpiresAt) return 'none';
  const left = Date.parse(leaseExpiresAt) - now.getTime();
  if (left <= 0) return 'expired';
  return left <= warnBeforeHours * HOUR_MS ? 'warning' : 'running';
}
