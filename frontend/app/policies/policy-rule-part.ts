// What each rule kind's fields in the policy form are given: the draft, a patch setter, the
// error at a path under `rule.`, and what suggestions come from (credentials, roles).
import type { CloudCredentials, Role } from '../../lib/api-client';
import type { PolicyDraft } from '../../lib/policy-draft';

export interface RuleFieldsProps {
  draft: PolicyDraft;
  change: (patch: Partial<PolicyDraft>) => void;
  rule: (field: string) => string | undefined;
  environmentId: string;
  credentials: CloudCredentials[] | undefined;
  roles: Role[] | undefined;
}
