// The @google-cloud/compute clients one driver uses, built from GCE credentials.
// With an `endpoint` (the sandbox, a proxy) the clients speak plain REST to it, and sign
// requests with the service-account key through google-auth-library's JWT client (a
// self-signed JWT, no token exchange: the library ignores a key's `token_uri`).
// Without one they use the key as Google documents (`credentials` + projectId).
// An endpoint is a URL a tenant set: every connection to it goes through the egress guard's
// agents (a gaxios request interceptor swaps in the guarded agent, since gax hands gaxios an
// agent of its own for every call).
import {
  InstancesClient,
  MachineTypesClient,
  RegionsClient,
  ZoneOperationsClient,
} from '@google-cloud/compute';
import { JWT } from 'google-auth-library';
import type { GceServiceAccountKey } from '../../../domain/schemas/credentials';
import type { GuardedAgents } from '../../egress/guarded-agents';

export interface ComputeClients {
  project: string;
  instances: InstancesClient;
  zoneOperations: ZoneOperationsClient;
  regions: RegionsClient;
  machineTypes: MachineTypesClient;
}

export interface GceConnection {
  projectId: string;
  serviceAccountKey: GceServiceAccountKey;
  endpoint?: string;
  /** The egress guard's agents, for connections to `endpoint`. */
  agents?: GuardedAgents;
}

/** A JWT client whose every request (gax's REST calls go through `authClient.fetch`) uses the guarded agents. */
function guardedJwt(key: GceServiceAccountKey, agents: GuardedAgents | undefined): JWT {
  const jwt = new JWT({ email: key.client_email, key: key.private_key, keyId: key.private_key_id });
  if (agents) {
    jwt.transporter.interceptors.request.add({
      resolved: async (config) => ({ ...config, agent: agents.agentFor(config.url) }),
    });
  }
  return jwt;
}

type ClientOptions = ConstructorParameters<typeof InstancesClient>[0];

function clientOptions(connection: GceConnection): ClientOptions {
  const key = connection.serviceAccountKey;
  if (!connection.endpoint) {
    return {
      projectId: connection.projectId,
      credentials: { client_email: key.client_email, private_key: key.private_key },
      fallback: true,
    };
  }
  const url = new URL(connection.endpoint);
  const protocol = url.protocol.replace(':', '');
  return {
    projectId: connection.projectId,
    apiEndpoint: url.hostname,
    port: url.port ? Number(url.port) : protocol === 'https' ? 443 : 80,
    protocol,
    fallback: true,
    authClient: guardedJwt(key, connection.agents),
  };
}

export function computeClients(connection: GceConnection): ComputeClients {
  const options = clientOptions(connection);
  return {
    project: connection.projectId,
    instances: new InstancesClient(options),
    zoneOperations: new ZoneOperationsClient(options),
    regions: new RegionsClient(options),
    machineTypes: new MachineTypesClient(options),
  };
}
