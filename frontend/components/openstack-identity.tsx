// What identifies OpenStack credentials on their card: the project or the application
// credential, the region and Keystone's URL (never the password or the secret, only that one is set).
import type { CloudCredentials } from '../lib/api-client';

export function OpenStackIdentity({
  credentials: c,
}: {
  credentials: Extract<CloudCredentials, { platform: 'openstack' }>;
}) {
  return (
    <>
      {c.auth.type === 'password' ? (
        <>
          <dt>User</dt>
          <dd className="mono">
            {c.auth.username} ({c.auth.userDomain})
          </dd>
          <dt>Project</dt>
          <dd className="mono">
            {c.auth.projectName} ({c.auth.projectDomain})
          </dd>
        </>
      ) : (
        <>
          <dt>Application credential</dt>
          <dd className="mono">{c.auth.applicationCredentialId}</dd>
        </>
      )}
      <dt>Secret</dt>
      <dd>
        <span className="badge badge-off">set</span>
      </dd>
      <dt>Region</dt>
      <dd className="mono">{c.region}</dd>
      <dt>Auth URL</dt>
      <dd className="mono">{c.authUrl}</dd>
      {c.caBundle && (
        <>
          <dt>CA bundle</dt>
          <dd>
            <span className="badge badge-off">private PKI</span>
          </dd>
        </>
      )}
    </>
  );
}
