// Identifiers: a short kind prefix and a lowercase ULID, e.g. `farm-01jd7y9x2k…`.
// Lowercase with a hyphen so an id is valid as a GCE instance name and label value
// (RFC 1035: [a-z]([-a-z0-9]*[a-z0-9])?) and as an EC2 tag value.
import { ulid } from 'ulid';

export const ID_PREFIXES = {
  account: 'acc',
  environment: 'env',
  credentials: 'cred',
  role: 'role',
  farm: 'farm',
  farmRole: 'fr',
  server: 'srv',
  event: 'evt',
  user: 'usr',
  webhookEndpoint: 'whe',
  webhook: 'wh',
  delivery: 'dlv',
  team: 'team',
  aclRole: 'acl',
  apiToken: 'tok',
  policy: 'pol',
  leaseRequest: 'lxr',
  audit: 'aud',
  script: 'scr',
  orchestrationRule: 'rule',
  execution: 'exe',
  farmTask: 'task',
  farmTaskRun: 'trun',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}-${ulid().toLowerCase()}`;
}

export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIXES[kind]}-[0-9a-z]{26}$`);
}
