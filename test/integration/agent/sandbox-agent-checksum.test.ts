// The sandbox's 'process' mode keeps the boot's promise: the real drover-agent is started for an
// instance only when its bundle has the sha256 the user data names, as a server's user data would
// refuse a download that differs. Instances are launched with the real EC2 client against the EC2
// sandbox; the agents' API is unreachable on purpose (only whether a process starts matters here).
import { EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentBundleSha256, ensureAgentBundle } from '../../../agent/bundle';
import { agentUserData } from '../../../functions/services/reconcile/user-data';
import { type AgentSimulation, simulateAgents } from '../../../sandbox/core/agent-simulation';
import { Ec2Sandbox } from '../../../sandbox/ec2';

const NOWHERE = 'http://127.0.0.1:9/api';
const sandbox = new Ec2Sandbox({ timings: { bootMs: 50, shutdownMs: 50 } });
const logs: { instanceId: string; line: string }[] = [];
let agents: AgentSimulation;
let ec2: EC2Client;
let sha256: string;

async function launch(serverId: string, expectedSha256: string): Promise<string> {
  const userData = agentUserData(NOWHERE, serverId, 'token', undefined, {
    url: `${NOWHERE}/v1/agent/drover-agent.mjs`,
    sha256: expectedSha256,
  });
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-0abcdef1234567890',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      UserData: Buffer.from(userData).toString('base64'),
    }),
  );
  return out.Instances![0]!.InstanceId!;
}

describe("the sandbox's real agent processes", () => {
  beforeAll(async () => {
    sha256 = agentBundleSha256(await ensureAgentBundle());
    await sandbox.start();
    ec2 = new EC2Client({
      endpoint: sandbox.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIASANDBOXTEST', secretAccessKey: 'sandbox' },
    });
    agents = simulateAgents([sandbox], {
      hostInitDelayMs: 0,
      hostUpDelayMs: 0,
      mode: 'process',
      onAgentLog: (instanceId, line) => logs.push({ instanceId, line }),
    });
  });

  afterAll(async () => {
    await agents?.stop();
    ec2?.destroy();
    await sandbox.stop();
  });

  it('does not start a bundle whose sha256 is not the one in the user data, and says why', async () => {
    const instanceId = await launch('srv-mismatch', '0'.repeat(64));
    await expect
      .poll(() => logs.find((l) => l.instanceId === instanceId)?.line, { timeout: 10_000 })
      .toMatch(/is not the expected drover-agent \(sha256 mismatch\): not starting it$/);
    expect(agents.processes().map((p) => p.instanceId)).not.toContain(instanceId);
  });

  it('starts the bundle the user data names', async () => {
    const instanceId = await launch('srv-match', sha256);
    await expect
      .poll(() => agents.processes().map((p) => p.instanceId), { timeout: 10_000 })
      .toContain(instanceId);
    expect(logs.filter((l) => l.instanceId === instanceId && /sha256 mismatch/.test(l.line))).toEqual([]);
  });
});
