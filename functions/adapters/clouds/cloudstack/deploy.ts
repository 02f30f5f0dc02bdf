// Deploying one VM idempotently on CloudStack, which has no client token. The VM's name is its
// Drover server id and CloudStack refuses a second VM of a name in a network: a refused duplicate,
// or a deploy whose answer was lost (a 504, a reset connection) and that a look by name then finds,
// is adopted instead of deployed again. A VM is not launched until its tags are on (createTags is a
// separate job): they are added right after the deploy is accepted, and an adopted VM gets the ones
// it lacks. A deploy whose job fails (no capacity) leaves a VM in Error, which is destroyed first.
import type { LaunchSpec } from '../../../domain/clouds/launch-spec';
import { CloudError } from '../../../ports/cloud-driver';
import type { CloudStackClient } from './client/client';
import type { Params } from './client/signing';
import { listOf, VirtualMachine } from './client/wire';
import { destroyVm } from './destroy';
import { tagParams } from './vm-mapping';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (err: unknown): err is CloudError =>
  err instanceof CloudError && (err.kind === 'Throttled' || err.kind === 'Transient');
const duplicate = (err: unknown) =>
  err instanceof CloudError && err.kind === 'InvalidSpec' && /already exists/i.test(err.message);
/** A deploy naming a template, offering or network that does not exist is a bad spec, not a missing instance. */
const asSpecError = (err: unknown) =>
  err instanceof CloudError && err.kind === 'NotFound'
    ? new CloudError('InvalidSpec', err.message, { ...err.details, cause: err })
    : err;

export async function deployVm(
  client: CloudStackClient,
  spec: LaunchSpec,
  params: Params,
  maxRetries: number,
): Promise<VirtualMachine> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { id, jobid } = await client.start('deployVirtualMachine', params, { once: true });
      if (!id)
        throw new CloudError('Transient', 'CloudStack deployVirtualMachine: no VM id in the answer', {
          platform: 'cloudstack',
        });
      const [tagged, placed] = await Promise.allSettled([
        addTags(client, id, spec.tags),
        client.waitForJob('deployVirtualMachine', jobid),
      ]);
      if (placed.status === 'rejected') {
        // A job that failed left a VM in Error: destroyed, so no one adopts it. A job that could
        // not be read (throttled polls) may still succeed: the look by name below finds the VM.
        if (!retryable(placed.reason)) await destroyVm(client, id).catch(() => undefined);
        throw placed.reason;
      }
      if (tagged.status === 'rejected') throw tagged.reason;
      // The job's VM predates the tags added meanwhile: they are the spec's, now on.
      const vm = VirtualMachine.parse((placed.value as { virtualmachine: unknown }).virtualmachine);
      return { ...vm, tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })) };
    } catch (err) {
      if (duplicate(err) || retryable(err)) {
        // The deploy may have been carried out all the same: the look by name finds it.
        const made = await byName(client, spec.serverId).catch(() => undefined);
        if (made) return adopt(client, made, spec.tags);
      }
      if (!retryable(err) || attempt >= maxRetries) throw asSpecError(err);
      await sleep(err.details.retryAfterMs ?? Math.random() * Math.min(3_000, 100 * 2 ** (attempt + 1)));
    }
  }
}

async function addTags(client: CloudStackClient, id: string, tags: Record<string, string>): Promise<void> {
  if (Object.keys(tags).length === 0) return;
  await client.run('createTags', { resourceids: id, resourcetype: 'UserVm', ...tagParams(tags) });
}

/** The VM named `name` exactly (CloudStack's `name` filter matches part of a name). */
async function byName(client: CloudStackClient, name: string): Promise<VirtualMachine | undefined> {
  const found = await client.call(
    'listVirtualMachines',
    { name, listall: 'true' },
    listOf('virtualmachine', VirtualMachine),
  );
  return found.items.find((vm) => vm.name === name && vm.state !== 'Expunging');
}

/** An existing VM of that name: the tags it lacks are added, then it is what the launch returns. */
async function adopt(
  client: CloudStackClient,
  vm: VirtualMachine,
  tags: Record<string, string>,
): Promise<VirtualMachine> {
  if (vm.state === 'Error') {
    // A deploy whose job failed after its answer was lost: cleared away, deployed again next time.
    await destroyVm(client, vm.id);
    throw new CloudError('Transient', `CloudStack deployVirtualMachine: VM ${vm.id} ended in Error`, {
      code: 'VmError',
      platform: 'cloudstack',
    });
  }
  const missing = Object.fromEntries(
    Object.entries(tags).filter(([key, value]) => !vm.tags.some((t) => t.key === key && t.value === value)),
  );
  if (Object.keys(missing).length === 0) return vm;
  await addTags(client, vm.id, missing);
  return (await byName(client, vm.name)) ?? vm;
}
