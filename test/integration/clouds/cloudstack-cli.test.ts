// The CloudStack sandbox tried as a user would: Debian's `cs` client (package `cs`, command
// `cloudstack`), configured with the ~/.cloudstack.ini the README shows (in a temporary HOME),
// lists zones, deploys a VM without waiting (--async) and polls its job, tags it, lists it by tag,
// stops it and destroys it with expunge. `npm test` installs the package when it is missing
// (test/setup/test-tools.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudStackSandbox,
  DEBIAN_TEMPLATE_ID,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
  SERVICE_OFFERINGS,
  ZONES,
} from '../../../sandbox/cloudstack';

const run = promisify(execFile);

/** The README's ~/.cloudstack.ini, pointed at this sandbox (a short poll interval: tests wait less). */
const cloudstackIni = (endpoint: string) => `[cloudstack]
endpoint = ${endpoint}
key = ${SANDBOX_API_KEY}
secret = ${SANDBOX_SECRET_KEY}
poll_interval = 0.1
`;

describe('the cs client against the CloudStack sandbox', () => {
  const sandbox = new CloudStackSandbox({ timings: { bootMs: 200, shutdownMs: 100 } });
  let home = '';

  beforeAll(async () => {
    await sandbox.start();
    home = await mkdtemp(path.join(tmpdir(), 'drover-cs-cli-'));
    await writeFile(path.join(home, '.cloudstack.ini'), cloudstackIni(sandbox.apiUrl));
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(home, { recursive: true, force: true });
  });

  /** Runs `cloudstack …` with only the temporary HOME's config (none of the CLOUDSTACK_* variables). */
  async function cs<T>(...args: string[]): Promise<T> {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
    for (const name of Object.keys(env)) if (name.startsWith('CLOUDSTACK_')) delete env[name];
    const { stdout } = await run('cloudstack', args, {
      env,
      cwd: home,
      timeout: 60_000,
    });
    // `cs` prints nothing for an empty answer (a list that matched nothing is `{}`).
    return JSON.parse(stdout.trim() || '{}') as T;
  }
  async function until(id: string, state: string) {
    for (let i = 0; i < 200; i++) {
      if (sandbox.instances().find((x) => x.instanceId === id)?.state === state) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${id} never became ${state}`);
  }

  it('lists zones', async () => {
    const answer = await cs<{ count: number; zone: { name: string }[] }>('listZones');
    expect(answer.zone.map((z) => z.name)).toEqual(ZONES.map((z) => z.name));
  });

  it('deploys with --async, tags, lists by tag, stops and destroys with expunge', async () => {
    const accepted = await cs<{ id: string; jobid: string }>(
      'deployVirtualMachine',
      `zoneid=${ZONES[0]!.id}`,
      `serviceofferingid=${SERVICE_OFFERINGS[0]!.id}`,
      `templateid=${DEBIAN_TEMPLATE_ID}`,
      'name=cs-cli-vm',
      '--async',
    );
    expect(accepted.jobid).toMatch(/\S/);
    const id = accepted.id;
    await until(id, 'running');
    const job = await cs<{ jobstatus: number }>('queryAsyncJobResult', `jobid=${accepted.jobid}`);
    expect(job.jobstatus).toBe(1);

    await cs(
      'createTags',
      `resourceids=${id}`,
      'resourcetype=UserVm',
      'tags[0].key=team',
      'tags[0].value=cli tests',
    );
    const tagged = await cs<{ virtualmachine?: { id: string; state: string }[] }>(
      'listVirtualMachines',
      'tags[0].key=team',
      'tags[0].value=cli tests',
    );
    expect(tagged.virtualmachine?.map((vm) => vm.id)).toEqual([id]);
    const untagged = await cs<{ virtualmachine?: unknown[] }>(
      'listVirtualMachines',
      'tags[0].key=team',
      'tags[0].value=other',
    );
    expect(untagged.virtualmachine).toBeUndefined();

    const stopped = await cs<{ virtualmachine: { state: string } }>('stopVirtualMachine', `id=${id}`);
    expect(stopped.virtualmachine.state).toBe('Stopped');
    await cs('destroyVirtualMachine', `id=${id}`, 'expunge=true');
    await until(id, 'terminated');
  });

  it('is refused with a 401 when the secret is wrong', async () => {
    await writeFile(
      path.join(home, 'cloudstack.ini'),
      cloudstackIni(sandbox.apiUrl).replace(SANDBOX_SECRET_KEY, 'wrong'),
    );
    try {
      const err = await cs('listZones').catch((e: { stdout?: string; stderr?: string }) => e);
      expect((err as { stderr?: string }).stderr).toMatch(/HTTP 401/);
      expect(JSON.parse((err as { stdout: string }).stdout)).toMatchObject({
        errorresponse: { errorcode: 401 },
      });
    } finally {
      await rm(path.join(home, 'cloudstack.ini'));
    }
  });
});
