// The policy form's state as typed — one draft holding the fields of every rule kind, so switching
// the kind keeps what was typed — and its conversion to the shared PolicyInput, which the form
// then validates with the API's own schema (errors at `rule.instanceTypes`, `rule.tags.0.pattern`…).
// Also the words the list uses for each kind and a one-line summary of a rule.
import type { Platform } from '../../functions/domain/schemas/common';
import type { Policy, PolicyInput, PolicyRule, PolicyRuleKind } from '../../functions/domain/schemas/policy';

export const RULE_KIND_LABELS: Record<PolicyRuleKind, string> = {
  'allowed-locations': 'Allowed regions and zones',
  'allowed-instance-types': 'Allowed instance types',
  'allowed-roles': 'Allowed roles',
  'allowed-images': 'Allowed images',
  'enforced-network': 'Enforced network',
  'enforced-security-groups': 'Enforced security groups',
  'allowed-security-groups': 'Allowed security groups',
  'network-tags': 'Network tags (GCE)',
  'required-tags': 'Required tags',
  'auto-tags': 'Tags added automatically',
  'max-instances': 'Max instances',
  'instance-identity': 'Instance profile / service account',
  'farm-lease': 'Farm lease',
  naming: 'Farm naming',
};

export interface PolicyDraft {
  name: string;
  description: string;
  /** '' = every platform. */
  platform: '' | Platform;
  enabled: boolean;
  kind: PolicyRuleKind;
  regions: string[];
  zones: string[];
  instanceTypes: string[];
  roleIds: string[];
  imageIds: string[];
  vpcId: string;
  subnetIds: string[];
  network: string;
  subnetworks: string[];
  noPublicIp: boolean;
  /** The enforced or the allowed security groups, by the rule's kind. */
  securityGroupIds: string[];
  networkTags: string[];
  requiredTags: { key: string; pattern: string }[];
  /** One `key=value` per line. */
  autoTags: string;
  perFarmRole: string;
  perFarm: string;
  iamInstanceProfile: string;
  serviceAccount: string;
  maxLifetimeHours: string;
  warnBeforeHours: string;
  farmNamePattern: string;
}

export const emptyPolicy = (): PolicyDraft => ({
  name: '',
  description: '',
  platform: '',
  enabled: true,
  kind: 'allowed-instance-types',
  regions: [],
  zones: [],
  instanceTypes: [],
  roleIds: [],
  imageIds: [],
  vpcId: '',
  subnetIds: [],
  network: '',
  subnetworks: [],
  noPublicIp: true,
  securityGroupIds: [],
  networkTags: [],
  requiredTags: [{ key: '', pattern: '.+' }],
  autoTags: '',
  perFarmRole: '',
  perFarm: '',
  iamInstanceProfile: '',
  serviceAccount: '',
  maxLifetimeHours: '72',
  warnBeforeHours: '24',
  farmNamePattern: '',
});

export function policyDraftOf(policy: Policy): PolicyDraft {
  const draft: PolicyDraft = {
    ...emptyPolicy(),
    name: policy.name,
    description: policy.description,
    platform: policy.platform ?? '',
    enabled: policy.enabled,
    kind: policy.rule.kind,
  };
  const r = policy.rule;
  switch (r.kind) {
    case 'allowed-locations':
      return { ...draft, regions: r.regions, zones: r.zones };
    case 'allowed-instance-types':
      return { ...draft, instanceTypes: r.instanceTypes };
    case 'allowed-roles':
      return { ...draft, roleIds: r.roleIds };
    case 'allowed-images':
      return { ...draft, imageIds: r.imageIds };
    case 'enforced-network':
      return {
        ...draft,
        vpcId: r.vpcId ?? '',
        subnetIds: r.subnetIds,
        network: r.network ?? '',
        subnetworks: r.subnetworks,
        noPublicIp: r.noPublicIp,
      };
    case 'enforced-security-groups':
      return { ...draft, securityGroupIds: r.securityGroupIds };
    case 'allowed-security-groups':
      return { ...draft, securityGroupIds: r.securityGroups };
    case 'network-tags':
      return { ...draft, networkTags: r.networkTags };
    case 'required-tags':
      return { ...draft, requiredTags: r.tags.map((t) => ({ key: t.key, pattern: t.pattern })) };
    case 'auto-tags':
      return {
        ...draft,
        autoTags: Object.entries(r.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
      };
    case 'max-instances':
      return { ...draft, perFarmRole: text(r.perFarmRole), perFarm: text(r.perFarm) };
    case 'instance-identity':
      return {
        ...draft,
        iamInstanceProfile: r.iamInstanceProfile ?? '',
        serviceAccount: r.serviceAccount ?? '',
      };
    case 'farm-lease':
      return {
        ...draft,
        maxLifetimeHours: String(r.maxLifetimeHours),
        warnBeforeHours: String(r.warnBeforeHours),
      };
    case 'naming':
      return { ...draft, farmNamePattern: r.farmNamePattern };
  }
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
/** Text to a number; what is not one stays NaN so the schema says "must be a number". */
const numberOf = (value: string) => (value.trim() === '' ? undefined : Number(value));
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The rule of the chosen kind, from the draft (unvalidated: PolicyInput.safeParse decides). */
function ruleOf(d: PolicyDraft): unknown {
  switch (d.kind) {
    case 'allowed-locations':
      return { kind: d.kind, regions: d.regions, zones: d.zones };
    case 'allowed-instance-types':
      return { kind: d.kind, instanceTypes: d.instanceTypes };
    case 'allowed-roles':
      return { kind: d.kind, roleIds: d.roleIds };
    case 'allowed-images':
      return { kind: d.kind, imageIds: d.imageIds };
    case 'enforced-network':
      return {
        kind: d.kind,
        vpcId: optional(d.vpcId),
        subnetIds: d.subnetIds,
        network: optional(d.network),
        subnetworks: d.subnetworks,
        noPublicIp: d.noPublicIp,
      };
    case 'enforced-security-groups':
      return { kind: d.kind, securityGroupIds: d.securityGroupIds };
    case 'allowed-security-groups':
      return { kind: d.kind, securityGroups: d.securityGroupIds };
    case 'network-tags':
      return { kind: d.kind, networkTags: d.networkTags };
    case 'required-tags':
      return {
        kind: d.kind,
        tags: d.requiredTags.map((t) => ({ key: t.key.trim(), pattern: t.pattern.trim() || '.+' })),
      };
    case 'auto-tags':
      return { kind: d.kind, tags: tagsOf(d.autoTags) };
    case 'max-instances':
      return { kind: d.kind, perFarmRole: numberOf(d.perFarmRole), perFarm: numberOf(d.perFarm) };
    case 'instance-identity':
      return {
        kind: d.kind,
        iamInstanceProfile: optional(d.iamInstanceProfile),
        serviceAccount: optional(d.serviceAccount),
      };
    case 'farm-lease':
      return {
        kind: d.kind,
        maxLifetimeHours: numberOf(d.maxLifetimeHours),
        warnBeforeHours: numberOf(d.warnBeforeHours),
      };
    case 'naming':
      return { kind: d.kind, farmNamePattern: d.farmNamePattern.trim() };
  }
}

/** `key=value` lines as a record; a line without `=` becomes a key with an empty value. */
function tagsOf(lines: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of lines.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) tags[trimmed] = '';
    else tags[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return tags;
}

export function toPolicyInput(d: PolicyDraft): unknown {
  return {
    name: d.name,
    description: d.description,
    platform: d.platform === '' ? null : d.platform,
    enabled: d.enabled,
    rule: ruleOf(d),
  } satisfies Record<keyof PolicyInput, unknown>;
}

const listed = (values: readonly string[], max = 4) =>
  values.length > max ? `${values.slice(0, max).join(', ')} +${values.length - max}` : values.join(', ');

/** One line saying what a rule allows or enforces, for the policy list. */
export function ruleSummary(rule: PolicyRule, roleName: (id: string) => string = (id) => id): string {
  switch (rule.kind) {
    case 'allowed-locations':
      return `Regions ${listed(rule.regions)}${rule.zones.length ? `; zones ${listed(rule.zones)}` : ''}`;
    case 'allowed-instance-types':
      return `Types ${listed(rule.instanceTypes)}`;
    case 'allowed-roles':
      return `Roles ${listed(rule.roleIds.map(roleName))}`;
    case 'allowed-images':
      return `Images ${listed(rule.imageIds, 2)}`;
    case 'enforced-network': {
      const parts = [
        rule.vpcId && `VPC ${rule.vpcId}`,
        rule.subnetIds.length && `subnets ${listed(rule.subnetIds, 2)}`,
        rule.network && `network ${rule.network}`,
        rule.subnetworks.length && `subnetworks ${listed(rule.subnetworks, 2)}`,
        rule.noPublicIp && 'no public IP',
      ].filter(Boolean);
      return parts.join('; ') || 'any network';
    }
    case 'enforced-security-groups':
      return `Security groups ${listed(rule.securityGroupIds, 3)}`;
    case 'allowed-security-groups':
      return `Only security groups ${listed(rule.securityGroups, 3)}`;
    case 'network-tags':
      return `Network tags ${listed(rule.networkTags)}`;
    case 'required-tags':
      return `Tags ${listed(
        rule.tags.map((t) => (t.pattern === '.+' ? t.key : `${t.key} ~ ${t.pattern}`)),
        3,
      )}`;
    case 'auto-tags':
      return `Adds ${listed(
        Object.entries(rule.tags).map(([k, v]) => `${k}=${v}`),
        3,
      )}`;
    case 'max-instances':
      return [
        rule.perFarmRole !== undefined && `≤ ${rule.perFarmRole} per farm role`,
        rule.perFarm !== undefined && `≤ ${rule.perFarm} per farm`,
      ]
        .filter(Boolean)
        .join(', ');
    case 'instance-identity':
      return [rule.iamInstanceProfile && `profile ${rule.iamInstanceProfile}`, rule.serviceAccount]
        .filter(Boolean)
        .join(', ');
    case 'farm-lease':
      return `At most ${rule.maxLifetimeHours} h, warned ${rule.warnBeforeHours} h before`;
    case 'naming':
      return `Farm names match ${rule.farmNamePattern}`;
  }
}
