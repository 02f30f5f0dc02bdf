// One farm role's spec as a card: placement, size, scaling, storage, network, and — when the
// farm's status is known — how many servers it wants and how many run.

import type { StoredFarmRole } from '../../functions/domain/schemas/farm';
import type { FarmStatusView } from '../lib/api-client';
import './farm-role-details.css';

type Counts = FarmStatusView['farmRoles'][number];

const platformNames: Record<StoredFarmRole['platform'], string> = {
  aws: 'AWS EC2',
  gce: 'Google Compute Engine',
  openstack: 'OpenStack',
  cloudstack: 'Apache CloudStack',
};

function minutes(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

function list(values: string[], empty = '—'): string {
  return values.length ? values.join(', ') : empty;
}

function NetworkSummary({ farmRole }: { farmRole: StoredFarmRole }) {
  if (farmRole.platform === 'aws') {
    const n = farmRole.network;
    return (
      <>
        {n.vpcId ?? 'default VPC'}
        {n.subnetIds.length > 0 && <> · subnets {list(n.subnetIds)}</>}
        {n.securityGroupIds.length > 0 && <> · security groups {list(n.securityGroupIds)}</>}
        {n.associatePublicIp ? ' · public IP' : ' · private only'}
      </>
    );
  }
  if (farmRole.platform === 'openstack') {
    const n = farmRole.network;
    return (
      <>
        {n.networks.length > 0 ? `networks ${list(n.networks)}` : 'the project’s network'}
        {n.securityGroups.length > 0 && <> · security groups {list(n.securityGroups)}</>}
        {n.keyName && <> · key pair {n.keyName}</>}
        {n.serverGroup && <> · server group {n.serverGroup}</>}
      </>
    );
  }
  if (farmRole.platform === 'cloudstack') {
    const n = farmRole.network;
    return (
      <>
        {n.networks.length > 0 ? `networks ${list(n.networks)}` : 'the zone’s default network'}
        {n.securityGroups.length > 0 && <> · security groups {list(n.securityGroups)}</>}
        {n.keyPair && <> · key pair {n.keyPair}</>}
      </>
    );
  }
  const n = farmRole.network;
  return (
    <>
      {n.network}
      {n.subnetwork && <> / {n.subnetwork}</>}
      {n.networkTags.length > 0 && <> · tags {list(n.networkTags)}</>}
      {n.externalIp ? ' · external IP' : ' · internal only'}
    </>
  );
}

function CountsLine({ counts }: { counts: Counts | undefined }) {
  if (!counts) return <p className="counts muted">No servers reported yet.</p>;
  const extra = [
    counts.launching && `${counts.launching} launching`,
    counts.terminating && `${counts.terminating} terminating`,
    counts.failed && `${counts.failed} failed`,
  ].filter(Boolean);
  const ratio =
    counts.desired > 0 ? Math.min(1, counts.running / counts.desired) : counts.running > 0 ? 1 : 0;
  return (
    <div className="counts">
      <p>
        <strong>{counts.running}</strong> running of <strong>{counts.desired}</strong> desired
        {extra.length > 0 && <span className="muted"> · {extra.join(' · ')}</span>}
      </p>
      <meter
        min={0}
        max={1}
        value={ratio}
        low={0.5}
        optimum={1}
        aria-label={`${counts.alias} running servers`}
      />
    </div>
  );
}

export function FarmRoleDetails({
  farmRole,
  roleName,
  credentialsName,
  counts,
  statusKnown,
}: {
  farmRole: StoredFarmRole;
  roleName: string | undefined;
  credentialsName: string | undefined;
  counts: Counts | undefined;
  statusKnown: boolean;
}) {
  const tags = Object.entries(farmRole.tags);
  return (
    <article className="farm-role" aria-labelledby={`fr-${farmRole.id}`}>
      <header className="farm-role-header">
        <h3 id={`fr-${farmRole.id}`}>{farmRole.alias}</h3>
        <span className={`platform platform-${farmRole.platform}`}>{platformNames[farmRole.platform]}</span>
      </header>
      <p className="muted farm-role-role">
        Role <span className="mono">{roleName ?? farmRole.roleId}</span>
      </p>
      {statusKnown ? (
        <CountsLine counts={counts} />
      ) : (
        <div className="counts counts-placeholder" aria-hidden="true" />
      )}
      <dl className="spec">
        <dt>Region</dt>
        <dd>
          {farmRole.region} <span className="muted">· {list(farmRole.zones)}</span>
        </dd>
        <dt>Instance type</dt>
        <dd>
          <span className="mono">{farmRole.instanceType}</span>
          {farmRole.fallbackInstanceTypes.length > 0 && (
            <span className="muted"> · fallback {list(farmRole.fallbackInstanceTypes)}</span>
          )}
        </dd>
        <dt>Instances</dt>
        <dd>
          min {farmRole.minInstances}, max {farmRole.maxInstances}
          <span className="muted"> · scale in {farmRole.scaleInOrder}</span>
        </dd>
        <dt>Volumes</dt>
        <dd>
          {farmRole.volumes.length === 0 ? (
            <span className="muted">root disk only</span>
          ) : (
            <ul className="plain">
              {farmRole.volumes.map((v) => (
                <li key={v.mountPoint}>
                  {v.sizeGiB} GiB {v.type} at <span className="mono">{v.mountPoint}</span>
                  {v.iops ? ` · ${v.iops} IOPS` : ''}
                  {v.deleteOnTermination ? '' : ' · kept after termination'}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Network</dt>
        <dd>
          <NetworkSummary farmRole={farmRole} />
        </dd>
        <dt>Credentials</dt>
        <dd>{credentialsName ?? <span className="mono">{farmRole.credentialsId}</span>}</dd>
        <dt>Launch</dt>
        <dd>
          order {farmRole.launchOrder} · timeout {minutes(farmRole.launchTimeoutSec)} · init{' '}
          {minutes(farmRole.initTimeoutSec)}
        </dd>
        {tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd className="tags">
              {tags.map(([key, value]) => (
                <span key={key} className="tag">
                  {key}={value}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}
