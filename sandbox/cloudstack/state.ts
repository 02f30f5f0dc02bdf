// The CloudStack sandbox's world: user VMs with CloudStack's state machine, driven by the core's
// timers and told to the core's listeners. A deploy is placed within the first twentieth of bootMs
// (at most 20 ms): its job then ends — with the VM Starting, so boot stays observable (real
// CloudStack ends it once the hypervisor runs the VM) — or fails with 533 and the VM goes to
// Error. A destroy without expunge leaves the VM Destroyed for `expungeDelayMs`, then Expunging;
// an expunged VM leaves a `terminated` tombstone for terminatedRetentionMs.
import { randomUUID } from 'node:crypto';
import type { Tag, VmState } from '../../functions/adapters/clouds/cloudstack/client/wire';
import type { SandboxInstance, SandboxTimings, StateChange } from '../core/sandbox-cloud';
import type { SandboxWorld } from '../core/sandbox-server';
import { StateChangeListeners } from '../core/state-changes';
import { TransitionTimers } from '../core/timings';
import { Tombstones } from '../core/tombstones';
import { zoneById } from './catalogue';
import { insufficientCapacity } from './envelope';
import { Jobs } from './jobs';
import { csNow, sandboxStateOf, sandboxView, type VmRecord, wireOf } from './vm-record';

export const DEFAULT_TIMINGS: SandboxTimings = {
  bootMs: 3_000,
  shutdownMs: 1_000,
  terminatedRetentionMs: 60 * 60_000,
};
const QUICK_MS = 20;

export type NewVm = Omit<VmRecord, 'id' | 'state' | 'destroying' | 'created' | 'ipaddress'>;

export class CloudStackState implements SandboxWorld {
  timings: SandboxTimings = { ...DEFAULT_TIMINGS };
  /** How long a destroyed, not expunged VM stays Destroyed (CloudStack's expunge.delay). */
  expungeDelayMs = 5 * 60_000;
  readonly jobs = new Jobs();
  private readonly vms = new Map<string, VmRecord>();
  private readonly tombstones = new Tombstones(() => this.timings.terminatedRetentionMs);
  private readonly listeners = new StateChangeListeners();
  private readonly timers = new TransitionTimers();
  private addressCounter = 0;

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.listeners.add(listener);
  }

  vm(id: string): VmRecord | undefined {
    return this.vms.get(id);
  }

  /** Every VM CloudStack still knows (Destroyed included), oldest first. */
  list(): VmRecord[] {
    return [...this.vms.values()].sort((a, b) =>
      a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1,
    );
  }

  /** Starts a deploy; the job ends once the VM is placed, or fails when there is no capacity. */
  deploy(spec: NewVm, noCapacity: boolean): { vm: VmRecord; jobid: string } {
    const n = ++this.addressCounter;
    const vm: VmRecord = {
      ...spec,
      id: randomUUID(),
      state: 'Starting',
      destroying: false,
      created: csNow(),
      ipaddress: `${zoneById(spec.zoneid)?.cidrPrefix ?? '10.9'}.${Math.floor(n / 250) % 250}.${(n % 250) + 3}`,
    };
    this.vms.set(vm.id, vm);
    this.listeners.tell({ instance: sandboxView(vm), previous: null });
    const jobid = this.jobs.create('vm.DeployVMCmd', vm.id);
    const placing = Math.min(20, this.timings.bootMs * 0.05);
    this.timers.after(vm.id, placing, () => {
      if (noCapacity) {
        this.jobs.fail(jobid, insufficientCapacity(vm.name));
        return this.set(vm, 'Error');
      }
      this.jobs.succeed(jobid, { virtualmachine: wireOf(vm) });
      this.timers.after(vm.id, this.timings.bootMs - placing, () => this.set(vm, 'Running'));
    });
    return { vm, jobid };
  }

  stop(vm: VmRecord): string {
    const jobid = this.jobs.create('vm.StopVMCmd', vm.id);
    this.set(vm, 'Stopping');
    this.timers.after(vm.id, this.timings.shutdownMs, () => {
      this.set(vm, 'Stopped');
      this.jobs.succeed(jobid, { virtualmachine: wireOf(vm) });
    });
    return jobid;
  }

  start(vm: VmRecord): string {
    const jobid = this.jobs.create('vm.StartVMCmd', vm.id);
    this.set(vm, 'Starting');
    this.timers.after(vm.id, this.timings.bootMs, () => {
      this.set(vm, 'Running');
      this.jobs.succeed(jobid, { virtualmachine: wireOf(vm) });
    });
    return jobid;
  }

  reboot(vm: VmRecord): string {
    const jobid = this.jobs.create('vm.RebootVMCmd', vm.id);
    this.timers.after(vm.id, Math.min(QUICK_MS, this.timings.bootMs), () =>
      this.jobs.succeed(jobid, { virtualmachine: wireOf(vm) }),
    );
    return jobid;
  }

  destroy(vm: VmRecord, expunge: boolean): string {
    const jobid = this.jobs.create('vm.DestroyVMCmd', vm.id);
    const wasUp = vm.state === 'Running' || vm.state === 'Starting';
    vm.destroying = true;
    if (wasUp) this.set(vm, 'Stopping');
    this.timers.after(vm.id, wasUp ? this.timings.shutdownMs : QUICK_MS, () => {
      this.set(vm, expunge ? 'Expunging' : 'Destroyed');
      this.jobs.succeed(jobid, { virtualmachine: wireOf(vm) });
      this.timers.after(vm.id, expunge ? QUICK_MS : this.expungeDelayMs, () => this.expunge(vm));
    });
    return jobid;
  }

  /** Adds tags; CloudStack runs createTags as a job too. */
  tag(vms: VmRecord[], tags: Tag[]): string {
    const jobid = this.jobs.create('tag.CreateTagsCmd');
    for (const vm of vms)
      for (const tag of tags) {
        vm.tags = vm.tags.filter((t) => t.key !== tag.key);
        vm.tags.push({ key: tag.key, value: tag.value });
      }
    // Tags are rows in CloudStack's database: the job is done by the time anyone asks.
    this.jobs.succeed(jobid, { success: true });
    return jobid;
  }

  kill(id: string): boolean {
    const vm = this.vms.get(id);
    if (!vm || vm.destroying || vm.state === 'Error') return false;
    this.destroy(vm, true);
    return true;
  }

  instances(): SandboxInstance[] {
    return [...this.vms.values()].map(sandboxView).concat(this.tombstones.list());
  }

  close(): void {
    this.timers.cancelAll();
  }

  private expunge(vm: VmRecord): void {
    if (vm.state !== 'Expunging') this.set(vm, 'Expunging');
    this.timers.after(vm.id, QUICK_MS, () => {
      if (this.vms.get(vm.id) !== vm) return;
      this.vms.delete(vm.id);
      this.tombstones.add(sandboxView(vm));
    });
  }

  private set(vm: VmRecord, state: VmState): void {
    const previous = sandboxStateOf(vm);
    vm.state = state;
    if (previous !== sandboxStateOf(vm)) this.listeners.tell({ instance: sandboxView(vm), previous });
  }
}
