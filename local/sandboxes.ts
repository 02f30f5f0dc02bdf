// Starts the sandbox clouds for the local runtime and says how to reach them: cloud
// credentials (with the sandbox as `endpoint`) for the demo environment, EC2 state-change
// notifications put on the local bus as EventBridge would deliver them, and GCE's audit-log
// pushes sent to the API's cloud-events route as Pub/Sub would (gce-audit-logs.ts).
import type { CloudCredentialsInput } from '../functions/domain/schemas/credentials';
import { EC2_STATE_CHANGE_DETAIL_TYPE } from '../functions/handlers/reconcile-request';
import type { CloudPushTokens } from '../functions/ports/cloud-push-tokens';
import { CloudStackSandbox, SANDBOX_API_KEY, SANDBOX_SECRET_KEY } from '../sandbox/cloudstack';
import type { SandboxCloud, SandboxTimings } from '../sandbox/core/sandbox-cloud';
import { Ec2Sandbox } from '../sandbox/ec2';
import { GceSandbox, sandboxServiceAccountKey } from '../sandbox/gce';
import { OpenStackSandbox } from '../sandbox/openstack';
import { SqsSandbox } from '../sandbox/sqs';
import type { InProcessEventBus } from './event-bus';
import { connectGceAuditLogs } from './gce-audit-logs';

export interface LocalSandboxes {
  ec2: Ec2Sandbox;
  gce: GceSandbox;
  /** CloudStack's API at `cloudstack.apiUrl`, key pair drover-sandbox / drover-sandbox-secret. */
  cloudstack: CloudStackSandbox;
  /** Keystone at `openstack.authUrl`: any user and project in domain Default. */
  openstack: OpenStackSandbox;
  /** SQS-compatible queues at `sqs.url` (queue metrics of scaling rules); not a cloud, so not in all(). */
  sqs: SqsSandbox;
  /** Every sandbox cloud (the agent simulation watches them all). */
  all(): SandboxCloud[];
  /** Verifies the GCE sandbox's pushes (the cloud-events route's token check); none without a `url`. */
  cloudPushTokens?: CloudPushTokens;
  credentials(): {
    aws: CloudCredentialsInput;
    gce: CloudCredentialsInput;
    cloudstack: CloudCredentialsInput;
    openstack: CloudCredentialsInput;
  };
  stop(): Promise<void>;
}

export const SANDBOX_GCE_PROJECT = 'drover-sandbox';

export async function startSandboxes(options: {
  /** 0: any free port (CloudStack's too when it is not named). */
  ports: { ec2: number; gce: number; cloudstack?: number; openstack?: number; sqs?: number };
  timings?: Partial<SandboxTimings>;
  ec2StateFile?: string;
  bus: InProcessEventBus;
  /** The runtime's URL, where the GCE sandbox pushes its audit log entries (none pushed without it). */
  url?: string;
}): Promise<LocalSandboxes> {
  const ec2 = new Ec2Sandbox({
    timings: options.timings,
    ...(options.ec2StateFile ? { stateFile: options.ec2StateFile } : {}),
  });
  const gce = new GceSandbox({ timings: options.timings });
  const cloudstack = new CloudStackSandbox({ timings: options.timings });
  await ec2.start(options.ports.ec2);
  await gce.start(options.ports.gce);
  await cloudstack.start(options.ports.cloudstack ?? 0);
  const openstack = new OpenStackSandbox({ timings: options.timings });
  await openstack.start(options.ports.openstack ?? 0);
  const sqs = new SqsSandbox();
  await sqs.start(options.ports.sqs ?? 0);
  ec2.onStateChange(({ instance }) => {
    options.bus.put({
      source: 'aws.ec2',
      'detail-type': EC2_STATE_CHANGE_DETAIL_TYPE,
      region: instance.region,
      account: '000000000000',
      detail: { 'instance-id': instance.instanceId, state: instance.state },
    });
  });
  return {
    ec2,
    gce,
    cloudstack,
    openstack,
    sqs,
    all: () => [ec2, gce, cloudstack, openstack],
    ...(options.url ? { cloudPushTokens: connectGceAuditLogs(gce, options.url, SANDBOX_GCE_PROJECT) } : {}),
    credentials: () => ({
      aws: {
        platform: 'aws',
        name: 'sandbox-aws',
        description: 'The local EC2 sandbox',
        auth: {
          type: 'accessKey',
          accessKeyId: 'AKIASANDBOX000000000',
          secretAccessKey: 'sandbox-secret-access-key',
        },
        endpoint: ec2.url,
      },
      gce: {
        platform: 'gce',
        name: 'sandbox-gce',
        description: 'The local Compute Engine sandbox',
        projectId: SANDBOX_GCE_PROJECT,
        serviceAccountKey: sandboxServiceAccountKey(gce.url, SANDBOX_GCE_PROJECT),
        endpoint: gce.url,
      },
      cloudstack: {
        platform: 'cloudstack',
        name: 'sandbox-cloudstack',
        description: 'The local CloudStack sandbox',
        endpoint: cloudstack.apiUrl,
        apiKey: SANDBOX_API_KEY,
        secretKey: SANDBOX_SECRET_KEY,
      },
      openstack: {
        platform: 'openstack',
        name: 'sandbox-openstack',
        description: 'The local OpenStack sandbox',
        authUrl: openstack.authUrl,
        region: 'RegionOne',
        auth: {
          type: 'password',
          username: 'demo',
          password: 'sandbox-password',
          userDomain: 'Default',
          projectName: 'demo',
          projectDomain: 'Default',
        },
      },
    }),
    async stop() {
      await Promise.all([ec2.stop(), gce.stop(), cloudstack.stop(), openstack.stop(), sqs.stop()]);
    },
  };
}
