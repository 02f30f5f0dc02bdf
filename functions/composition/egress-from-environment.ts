// Hosted mode's egress rules from a Lambda's environment, read once per cold start:
//   DROVER_HOSTED        hosted mode; on unless `0` or `false` (AWS is hosted; the local
//                        runtime sets its own policy from DROVER_HOSTED=1, local/runtime.ts)
//   DROVER_EGRESS_ALLOW  the operator's allow-list of networks tenants may reach although not
//                        public (CIDR, comma-separated), from the CDK context key `egressAllow`
// A malformed allow-list stops the cold start: an operator's typo must not widen or silently
// narrow what tenants reach.
import { createDnsResolver } from '../adapters/egress/dns-resolver';
import type { Egress } from '../services/egress/egress-guard';
import type { EgressPolicy } from '../services/egress/egress-policy';
import { parseNetworkList } from '../services/egress/networks';

export function egressPolicyFromEnvironment(
  env: Record<string, string | undefined> = process.env,
): EgressPolicy {
  const hosted = !['0', 'false'].includes((env.DROVER_HOSTED ?? '').trim().toLowerCase());
  return { hosted, allow: parseNetworkList(env.DROVER_EGRESS_ALLOW) };
}

export function egressFromEnvironment(env: Record<string, string | undefined> = process.env): Egress {
  return { policy: egressPolicyFromEnvironment(env), resolver: createDnsResolver() };
}
