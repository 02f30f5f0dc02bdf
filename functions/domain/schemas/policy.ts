// Governance policies: IT's rules on an environment (optionally on one cloud platform), each with
// one rule. Farms are evaluated against the enabled policies on save (422 with the violations)
// and again at launch, where enforced values are injected (functions/domain/policies/).
import { z } from 'zod';
import { compileValidationPattern } from '../variables/schema';
import { AwsSecurityGroupId, AwsSubnetId, AwsVpcId } from './aws-ids';
import { boundedNumber } from './bounded-numbers';
import { Description, idOf, Name, Platform, Timestamp, Versioned } from './common';

export const POLICY_LIMITS = {
  listMax: 200,
  tagsMax: 40,
  patternMax: 512,
  leaseHoursMax: 24 * 365,
} as const;

const list = (item: z.ZodString, what: string) =>
  z.array(item).min(1, `at least one ${what}`).max(POLICY_LIMITS.listMax);

/** An RE2 regular expression matching a whole value (as Global Variables' patterns: linear-time, no ReDoS). */
const Pattern = z
  .string()
  .min(1)
  .max(POLICY_LIMITS.patternMax)
  .superRefine((p, ctx) => {
    try {
      compileValidationPattern(p);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

/**
 * Instance types, zones and images may end in `*` to allow a family (`t3.*`, `us-east-1*`).
 * Inner spaces are allowed: CloudStack names service offerings and zones freely (`Small Instance`).
 */
const Glob = z.string().regex(/^[a-zA-Z0-9](?:[\w.:/ -]*[\w.:/-])?\*?$/, 'a name, optionally ending in *');

export const AllowedLocationsRule = z
  .object({
    kind: z.literal('allowed-locations'),
    regions: list(Glob, 'region'),
    /** Empty: any zone of an allowed region. */
    zones: z.array(Glob).max(POLICY_LIMITS.listMax).default([]),
  })
  .strict();

export const AllowedInstanceTypesRule = z
  .object({ kind: z.literal('allowed-instance-types'), instanceTypes: list(Glob, 'instance type') })
  .strict();

export const AllowedRolesRule = z
  .object({
    kind: z.literal('allowed-roles'),
    roleIds: z.array(idOf('role')).min(1).max(POLICY_LIMITS.listMax),
  })
  .strict();

export const AllowedImagesRule = z
  .object({ kind: z.literal('allowed-images'), imageIds: list(Glob, 'image') })
  .strict();

export const EnforcedNetworkRule = z
  .object({
    kind: z.literal('enforced-network'),
    /** AWS: the VPC farm roles must use, and its subnets they may use (injected when a farm role names none). */
    vpcId: AwsVpcId.optional(),
    subnetIds: z.array(AwsSubnetId).max(POLICY_LIMITS.listMax).default([]),
    /** GCE: the network farm roles must use, and its subnetworks (the first is injected when none is named); OpenStack and CloudStack: the networks allowed (the first injected likewise). */
    network: z.string().min(1).optional(),
    subnetworks: z.array(z.string().min(1)).max(POLICY_LIMITS.listMax).default([]),
    /** No public IP (AWS) / external IP (GCE) on any instance. */
    noPublicIp: z.boolean().default(true),
  })
  .strict();

/**
 * A security group as a policy names it: AWS ids (`sg-…`), OpenStack names or UUIDs, CloudStack
 * names or ids. Which of these a policy may hold depends on its platform (securityGroupIssues).
 * Commas and surrounding spaces are refused: forms and the CLI separate lists with commas.
 */
const SecurityGroupRef = z
  .string()
  .max(255)
  .regex(/^[^\s,](?:[^,\n]*[^\s,])?$/, 'a security group name or id, without commas or surrounding spaces');

export const EnforcedSecurityGroupsRule = z
  .object({
    kind: z.literal('enforced-security-groups'),
    /** Every instance is in these groups: a farm role's own list must include them; none is filled in. */
    securityGroupIds: z.array(SecurityGroupRef).min(1).max(5),
  })
  .strict();

export const AllowedSecurityGroupsRule = z
  .object({
    kind: z.literal('allowed-security-groups'),
    /** The only groups a farm role may name; may end in `*` for a family (`web-*`). */
    securityGroups: z
      .array(SecurityGroupRef)
      .min(1, 'at least one security group')
      .max(POLICY_LIMITS.listMax),
  })
  .strict();

export const NetworkTagsRule = z
  .object({
    kind: z.literal('network-tags'),
    networkTags: z
      .array(z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a GCE network tag'))
      .min(1)
      .max(64),
  })
  .strict();

export const RequiredTagsRule = z
  .object({
    kind: z.literal('required-tags'),
    tags: z
      .array(z.object({ key: z.string().min(1).max(127), pattern: Pattern.default('.+') }).strict())
      .min(1)
      .max(POLICY_LIMITS.tagsMax),
  })
  .strict();

export const AutoTagsRule = z
  .object({
    kind: z.literal('auto-tags'),
    /** Values may reference `${DROVER_FARM_NAME}`, `${DROVER_FARM_ID}`, `${DROVER_FARM_ROLE_ALIAS}`… */
    tags: z
      .record(z.string().min(1).max(127), z.string().max(255))
      .refine((t) => Object.keys(t).length >= 1, 'at least one tag')
      .refine((t) => Object.keys(t).length <= POLICY_LIMITS.tagsMax, `at most ${POLICY_LIMITS.tagsMax} tags`),
  })
  .strict();

export const MaxInstancesRule = z
  .object({
    kind: z.literal('max-instances'),
    perFarmRole: z.number().int().min(0).max(1000).optional(),
    perFarm: z.number().int().min(0).max(50_000).optional(),
  })
  .strict()
  .refine((r) => r.perFarmRole !== undefined || r.perFarm !== undefined, 'set perFarmRole, perFarm or both');

export const InstanceIdentityRule = z
  .object({
    kind: z.literal('instance-identity'),
    /** AWS: the IAM instance profile (name or ARN) every instance runs with. */
    iamInstanceProfile: z.string().min(1).max(1600).optional(),
    /** GCE: the service account every instance runs as. */
    serviceAccount: z.email().optional(),
  })
  .strict()
  .refine(
    (r) => r.iamInstanceProfile !== undefined || r.serviceAccount !== undefined,
    'set iamInstanceProfile, serviceAccount or both',
  );

export const FarmLeaseRule = z
  .object({
    kind: z.literal('farm-lease'),
    maxLifetimeHours: boundedNumber(0, POLICY_LIMITS.leaseHoursMax).positive(),
    warnBeforeHours: boundedNumber(0, POLICY_LIMITS.leaseHoursMax).default(24),
  })
  .strict();

export const NamingRule = z.object({ kind: z.literal('naming'), farmNamePattern: Pattern }).strict();

export const PolicyRule = z
  .discriminatedUnion('kind', [
    AllowedLocationsRule,
    AllowedInstanceTypesRule,
    AllowedRolesRule,
    AllowedImagesRule,
    EnforcedNetworkRule,
    EnforcedSecurityGroupsRule,
    AllowedSecurityGroupsRule,
    NetworkTagsRule,
    RequiredTagsRule,
    AutoTagsRule,
    MaxInstancesRule,
    InstanceIdentityRule,
    FarmLeaseRule,
    NamingRule,
  ])
  .meta({ id: 'PolicyRule' });
export type PolicyRule = z.infer<typeof PolicyRule>;
export type PolicyRuleKind = PolicyRule['kind'];
export const POLICY_RULE_KINDS = PolicyRule.options.map((o) => o.shape.kind.value) as PolicyRuleKind[];

const PolicyFields = z
  .object({
    name: Name,
    description: Description,
    /** Null: every platform. A platform: only that platform's farm roles. */
    platform: Platform.nullable().default(null),
    enabled: z.boolean().default(true),
    rule: PolicyRule,
  })
  .strict();

/**
 * Security groups are named per cloud: AWS (and a policy of every platform, which reaches AWS
 * farm roles only) takes `sg-` ids; OpenStack and CloudStack take names or ids; GCE has none.
 */
function securityGroupIssues(policy: z.infer<typeof PolicyFields>, ctx: z.RefinementCtx): void {
  const rule = policy.rule;
  if (rule.kind !== 'enforced-security-groups' && rule.kind !== 'allowed-security-groups') return;
  if (policy.platform === 'gce') {
    ctx.addIssue({
      code: 'custom',
      path: ['platform'],
      message: 'GCE has no security groups: use a network-tags rule',
    });
    return;
  }
  if (policy.platform !== null && policy.platform !== 'aws') return;
  const [field, groups] =
    rule.kind === 'enforced-security-groups'
      ? ['securityGroupIds', rule.securityGroupIds]
      : ['securityGroups', rule.securityGroups];
  groups.forEach((group, i) => {
    const family = rule.kind === 'allowed-security-groups' && group.endsWith('*');
    if (!family && !AwsSecurityGroupId.safeParse(group).success)
      ctx.addIssue({ code: 'custom', path: ['rule', field, i], message: 'must be a security group id' });
  });
}

/** The writable part of a policy: what POST and PUT accept. */
export const PolicyInput = PolicyFields.superRefine(securityGroupIssues).meta({ id: 'PolicyInput' });
export type PolicyInput = z.infer<typeof PolicyInput>;

export const Policy = PolicyFields.extend({
  id: idOf('policy'),
  accountId: idOf('account'),
  environmentId: idOf('environment'),
})
  .extend(Versioned.shape)
  .meta({ id: 'Policy' });
export type Policy = z.infer<typeof Policy>;

/** One way a farm (or a launch) breaks a policy. */
export const Violation = z
  .object({
    policyId: z.string(),
    policyName: z.string(),
    rule: z.string(),
    /** Field path in the farm spec, e.g. `farmRoles[1].instanceType`. */
    path: z.string(),
    message: z.string(),
    /** The allowed values, when the rule is a list. */
    allowed: z.array(z.string()).optional(),
  })
  .meta({ id: 'PolicyViolation' });
export type Violation = z.infer<typeof Violation>;

export const EvaluationResult = z.object({ violations: z.array(Violation) }).meta({ id: 'PolicyEvaluation' });

/** A farm owner's request for a longer lease; an admin with policies:manage approves or denies it. */
export const LeaseExtensionInput = z
  .object({
    hours: boundedNumber(0, POLICY_LIMITS.leaseHoursMax).positive(),
    reason: z.string().trim().min(1, 'say why').max(1024),
  })
  .strict()
  .meta({ id: 'LeaseExtensionInput' });
export type LeaseExtensionInput = z.infer<typeof LeaseExtensionInput>;

export const LeaseExtensionStatus = z.enum(['pending', 'approved', 'denied']);

export const LeaseExtension = LeaseExtensionInput.extend({
  id: idOf('leaseRequest'),
  accountId: idOf('account'),
  environmentId: idOf('environment'),
  farmId: idOf('farm'),
  status: LeaseExtensionStatus,
  requestedBy: z.string(),
  decidedBy: z.string().nullable().default(null),
  decidedAt: Timestamp.nullable().default(null),
  /** The farm's lease after an approval. */
  newLeaseExpiresAt: Timestamp.nullable().default(null),
})
  .extend(Versioned.shape)
  .meta({ id: 'LeaseExtension' });
export type LeaseExtension = z.infer<typeof LeaseExtension>;

export const LeaseDecisionInput = z
  .object({ comment: z.string().max(1024).default('') })
  .strict()
  .meta({ id: 'LeaseDecisionInput' });
