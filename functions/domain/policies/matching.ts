// How a policy's lists and patterns match values: names may end in `*` for a family
// (`t3.*`, `us-east-1*`); tag and name patterns are RE2 regular expressions matched against the
// whole value — the same user-pattern rules as Global Variables (linear-time, no ReDoS).
import type { Platform } from '../schemas/common';
import type { Policy, Violation } from '../schemas/policy';
import { compileValidationPattern, type ValidationPattern } from '../variables/schema';

export function matchesGlob(value: string, pattern: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

export function allowedBy(value: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesGlob(value, p));
}

/** Compiled patterns: the same few policies are evaluated again and again. */
const compiled = new Map<string, ValidationPattern>();
const COMPILED_MAX = 1000;

export function matchesPattern(value: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    re = compileValidationPattern(pattern);
    compiled.set(pattern, re);
  }
  return re.matches(value);
}

/** Enabled policies that reach a platform's farm roles (a policy without platform reaches all). */
export function policiesFor(policies: readonly Policy[], platform?: Platform): Policy[] {
  return policies.filter(
    (p) => p.enabled && (p.platform === null || platform === undefined || p.platform === platform),
  );
}

/** Platforms whose farm roles name security groups. */
const GROUPED: readonly Platform[] = ['aws', 'openstack', 'cloudstack'];

/**
 * Whether a policy's security groups reach a farm role of this platform: its own platform's, and a
 * policy of every platform (validated as AWS ids) only AWS's — an `sg-` id means nothing elsewhere.
 */
export function securityGroupsReach(policy: Pick<Policy, 'platform'>, platform: Platform): boolean {
  return GROUPED.includes(platform) && (policy.platform ?? 'aws') === platform;
}

/** Where a farm role keeps its security groups: AWS by id, the private clouds by name or id. */
export function securityGroupsField(platform: Platform): 'securityGroupIds' | 'securityGroups' {
  return platform === 'aws' ? 'securityGroupIds' : 'securityGroups';
}

/** `farmRoles[1].network.subnetIds[0]`: the path as a person reads it. */
export function farmRolePath(index: number, ...rest: (string | number)[]): string {
  return rest.reduce<string>(
    (path, part) => (typeof part === 'number' ? `${path}[${part}]` : `${path}.${part}`),
    `farmRoles[${index}]`,
  );
}

/** `farmRoles[1].tags.owner` → `farmRoles.1.tags.owner`: the dotted form of the API's field issues. */
export function dottedPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

export function violation(
  policy: Policy,
  path: string,
  message: string,
  allowed?: readonly string[],
): Violation {
  return {
    policyId: policy.id,
    policyName: policy.name,
    rule: policy.rule.kind,
    path,
    message,
    ...(allowed ? { allowed: [...allowed] } : {}),
  };
}
