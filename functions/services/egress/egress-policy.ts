// The egress rules every outbound call to a URL a tenant set goes through (cloud credentials
// endpoints, webhook endpoints, and any later private-cloud API): docs/architecture.md §3.
//
// Outside hosted mode (a developer's `npm start`) everything is allowed. In hosted mode:
//   - an address must be `public` (address-class.ts) or inside the operator's allow-list of
//     networks (networks.ts) — how the sandbox clouds, or a customer's private cloud reached
//     over a VPN, are let through, never through a hole in the rules;
//   - metadata and unspecified addresses are refused even when an allow-listed network holds
//     them: the platform's own instance credentials live there;
//   - a URL must be https, unless every address of its host is allow-listed (a private cloud's
//     API on plain http is the operator's call, never a tenant's);
//   - a URL may not carry a user name or password.
// Pure: names are resolved by the caller (egress-guard.ts) and every address is checked.
import type { ResolvedAddress } from '../../ports/host-resolver';
import { classifyAddress } from './address-class';
import { type Network, networkOf } from './networks';

export interface EgressPolicy {
  /** Hosted mode: on in AWS, `DROVER_HOSTED=1` in the local runtime. */
  hosted: boolean;
  /** Networks the operator lets tenants reach although they are not public. */
  allow: readonly Network[];
}

export const OPEN_EGRESS: EgressPolicy = { hosted: false, allow: [] };

/** Never reachable in hosted mode, allow-list or not. */
const NEVER = new Set(['metadata', 'unspecified', 'invalid']);

/** Why hosted mode refuses this address, or null when it may be reached. */
export function addressRefusal(policy: EgressPolicy, address: string): string | null {
  if (!policy.hosted) return null;
  const kind = classifyAddress(address);
  if (kind === 'public') return null;
  if (!NEVER.has(kind) && networkOf(address, policy.allow)) return null;
  return `${address} is a${/^[aeiou]/.test(kind) ? 'n' : ''} ${kind} address`;
}

/** The first refusal among a host's addresses, or null when all may be reached. */
export function addressesRefusal(policy: EgressPolicy, addresses: readonly ResolvedAddress[]): string | null {
  for (const a of addresses) {
    const why = addressRefusal(policy, a.address);
    if (why) return why;
  }
  return null;
}

/** Why hosted mode refuses the URL itself (before its addresses), or null. */
export function urlRefusal(
  policy: EgressPolicy,
  url: URL,
  addresses: readonly ResolvedAddress[],
): string | null {
  if (!policy.hosted) return null;
  if (url.username || url.password) return 'must not carry a user name or password';
  const allowListed = addresses.length > 0 && addresses.every((a) => networkOf(a.address, policy.allow));
  if (url.protocol !== 'https:' && !allowListed) return 'must use https';
  return null;
}
