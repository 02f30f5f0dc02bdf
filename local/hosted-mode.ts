// `DROVER_HOSTED=1`: the local runtime with every hosted-mode rule of the AWS deployment, so
// tests exercise them. Egress then goes through the operator's allow-list only
// (`DROVER_EGRESS_ALLOW=127.0.0.1/32` lets the sandbox clouds through, as a private cloud's
// network would be let through in AWS); without it the sandboxes are out of reach, and the
// demo account is seeded without cloud credentials rather than with ones nobody can use.
import { createDnsResolver } from '../functions/adapters/egress/dns-resolver';
import { type CloudCredentialsInput, endpointOf } from '../functions/domain/schemas/credentials';
import type { HostResolver } from '../functions/ports/host-resolver';
import { checkEgressUrl, type Egress } from '../functions/services/egress/egress-guard';
import { parseNetworkList } from '../functions/services/egress/networks';
import type { SandboxCredentials } from './seed';

export interface HostedModeOptions {
  /** Hosted mode's rules (default: `DROVER_HOSTED=1`). */
  hosted?: boolean;
  /** The operator's allow-list, CIDR, comma-separated (default: `DROVER_EGRESS_ALLOW`). */
  egressAllow?: string;
  /** How names resolve (default: the system's resolver); tests put a rebinding stand-in here. */
  resolver?: HostResolver;
}

export function localEgress(options: HostedModeOptions, env: NodeJS.ProcessEnv = process.env): Egress {
  return {
    policy: {
      hosted: options.hosted ?? env.DROVER_HOSTED === '1',
      allow: parseNetworkList(options.egressAllow ?? env.DROVER_EGRESS_ALLOW),
    },
    resolver: options.resolver ?? createDnsResolver(),
  };
}

/** The sandbox credentials the egress rules let through (all of them outside hosted mode). */
export async function reachableSandboxCredentials(
  egress: Egress,
  all: {
    aws: CloudCredentialsInput;
    gce: CloudCredentialsInput;
    cloudstack: CloudCredentialsInput;
    openstack: CloudCredentialsInput;
  },
): Promise<SandboxCredentials> {
  const reachable: SandboxCredentials = {};
  for (const key of ['aws', 'gce', 'cloudstack', 'openstack'] as const) {
    const endpoint = endpointOf(all[key]);
    const allowed = await checkEgressUrl(egress, endpoint ?? '', { path: 'endpoint', what: 'The endpoint' })
      .then(() => true)
      .catch(() => false);
    if (allowed || !endpoint) reachable[key] = all[key];
  }
  return reachable;
}
