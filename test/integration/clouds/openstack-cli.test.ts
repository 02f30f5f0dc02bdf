// The OpenStack sandbox tried as a user would: Debian's `openstack` CLI (python3-openstackclient)
// and Python's openstacksdk, configured with the clouds.yaml the README shows, create, list,
// show, stop, start, reboot and delete a server and list flavors, images, networks, zones and
// volumes. `npm test` installs the Debian packages when they are missing (test/setup).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenStackSandbox } from '../../../sandbox/openstack';
import { testPython } from '../../setup/test-tools';

const run = promisify(execFile);

/** The clouds.yaml of the README, pointed at this sandbox. */
const cloudsYaml = (authUrl: string) => `clouds:
  drover-sandbox:
    auth:
      auth_url: ${authUrl}
      username: demo
      password: any-password
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    identity_api_version: 3
`;

describe('the openstack CLI and openstacksdk against the OpenStack sandbox', () => {
  const sandbox = new OpenStackSandbox({ timings: { bootMs: 200, shutdownMs: 100 } });
  let dir = '';
  let env: NodeJS.ProcessEnv = { ...process.env };

  beforeAll(async () => {
    await sandbox.start();
    dir = await mkdtemp(path.join(tmpdir(), 'drover-openstack-cli-'));
    await writeFile(path.join(dir, 'clouds.yaml'), cloudsYaml(sandbox.authUrl));
    env = {
      ...process.env,
      OS_CLIENT_CONFIG_FILE: path.join(dir, 'clouds.yaml'),
      OS_CLOUD: 'drover-sandbox',
      HOME: dir,
    };
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function openstack(...args: string[]): Promise<string> {
    const { stdout } = await run('openstack', args, { env, cwd: dir, timeout: 60_000 });
    return stdout;
  }
  const json = async <T>(...args: string[]) => JSON.parse(await openstack(...args, '-f', 'json')) as T;
  /** Waits through the sandbox's own view (a CLI call per poll would take seconds each). */
  async function until(id: string, state: string) {
    for (let i = 0; i < 200; i++) {
      if (sandbox.instances().find((x) => x.instanceId === id)?.state === state) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${id} never became ${state}`);
  }

  it('lists flavors, images, networks and availability zones', async () => {
    const flavors = await json<{ Name: string; Disk: number }[]>('flavor', 'list');
    expect(flavors).toContainEqual(expect.objectContaining({ Name: 'm1.small', Disk: 20 }));
    const images = await json<{ Name: string }[]>('image', 'list');
    expect(images.map((i) => i.Name)).toContain('cirros-0.6.2-x86_64-disk');
    const networks = await json<{ Name: string }[]>('network', 'list');
    expect(networks.map((n) => n.Name).sort()).toEqual(['private', 'public']);
    const zones = await json<{ 'Zone Name': string; 'Zone Status': string }[]>(
      'availability',
      'zone',
      'list',
    );
    expect(zones).toContainEqual({ 'Zone Name': 'az-2', 'Zone Status': 'available' });
  });

  let serverId = '';

  it('creates a server and lists and shows it', async () => {
    const created = await json<{ id: string; status: string }>(
      ...['server', 'create', '--flavor', 'm1.tiny', '--image', 'cirros-0.6.2-x86_64-disk'],
      ...['--network', 'private', '--availability-zone', 'az-2', '--wait', 'cli-1'],
    );
    expect(created.status).toBe('ACTIVE');
    serverId = created.id;
    const listed = await json<{ ID: string; Name: string; Flavor: string }[]>('server', 'list');
    expect(listed).toContainEqual(
      expect.objectContaining({ ID: serverId, Name: 'cli-1', Flavor: 'm1.tiny' }),
    );
    const shown = await json<{ 'OS-EXT-AZ:availability_zone': string; status: string }>(
      'server',
      'show',
      'cli-1',
    );
    expect(shown).toMatchObject({ 'OS-EXT-AZ:availability_zone': 'az-2', status: 'ACTIVE' });
  });

  it('stops and starts it', async () => {
    await openstack('server', 'stop', 'cli-1');
    await until(serverId, 'stopped');
    await openstack('server', 'start', 'cli-1');
    await until(serverId, 'running');
  });

  it('reboots it', async () => {
    await openstack('server', 'reboot', '--wait', 'cli-1');
    expect(sandbox.recentCalls().some((c) => c.action === 'servers.action' && c.status === 202)).toBe(true);
    await until(serverId, 'running');
  });

  it('deletes it', async () => {
    await openstack('server', 'delete', '--wait', 'cli-1');
    expect(await json<unknown[]>('server', 'list')).toEqual([]);
  });

  it('creates and lists volumes', async () => {
    const volume = await json<{ id: string; size: number }>('volume', 'create', '--size', '2', 'data-1');
    expect(volume.size).toBe(2);
    const volumes = await json<{ ID: string; Name: string }[]>('volume', 'list');
    expect(volumes).toContainEqual(expect.objectContaining({ ID: volume.id, Name: 'data-1' }));
  });

  it('is understood by openstacksdk', async () => {
    const script = `
import openstack
conn = openstack.connect(cloud='drover-sandbox')
image = conn.image.find_image('cirros-0.6.2-x86_64-disk')
net = conn.network.find_network('private')
s = conn.compute.create_server(name='sdk-1', image_id=image.id, flavor_id='1', networks=[{'uuid': net.id}])
s = conn.compute.wait_for_server(s, wait=30, interval=0.1)
print(s.name, s.status, s.flavor.original_name)
conn.compute.stop_server(s)
conn.compute.wait_for_server(s, status='SHUTOFF', wait=30, interval=0.1)
conn.compute.delete_server(s)
conn.compute.wait_for_delete(s, wait=30, interval=0.1)
print(len(list(conn.compute.servers())))
`;
    const { stdout } = await run(testPython(process.env), ['-c', script], { env, cwd: dir, timeout: 90_000 });
    expect(stdout.trim().split('\n')).toEqual(['sdk-1 ACTIVE m1.tiny', '0']);
  });
});
