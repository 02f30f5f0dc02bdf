// The local runtime's URLs (the API, the portal, each sandbox's), written to
// `<dataDir>/endpoints.json` for other processes (the CLI, the agent, scripts) when data is kept.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalSandboxes } from './sandboxes';

export function writeEndpoints(url: string, sandboxes: LocalSandboxes, dataDir: string | undefined) {
  const endpoints: Record<string, string> = {
    api: `${url}/api`,
    portal: `${url}/`,
    jwks: `${url}/.well-known/jwks.json`,
    ec2: sandboxes.ec2.url,
    gce: sandboxes.gce.url,
    cloudstack: sandboxes.cloudstack.apiUrl,
    openstack: sandboxes.openstack.authUrl,
    sqs: sandboxes.sqs.url,
  };
  if (dataDir) writeFileSync(join(dataDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);
  return endpoints;
}
