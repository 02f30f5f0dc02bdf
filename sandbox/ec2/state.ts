// The EC2 sandbox's world: instances with their lifecycle and client tokens, kept in memory and
// optionally mirrored to a JSON file. Transitions run on the core's timers and are told to the
// core's state-change listeners; terminated instances stay listed for `terminatedRetentionMs`,
// as EC2 keeps them about an hour.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type {
  SandboxInstance,
  SandboxInstanceState,
  SandboxTimings,
  StateChange,
} from '../core/sandbox-cloud';
import type { SandboxWorld } from '../core/sandbox-server';
import { StateChangeListeners } from '../core/state-changes';
import { TransitionTimers } from '../core/timings';
import { Ec2ApiError } from './errors';

export interface BlockDevice {
  deviceName: string;
  volumeId: string;
  sizeGiB: number;
  volumeType: string;
  iops?: number;
  deleteOnTermination: boolean;
  tags: Record<string, string>;
}

export interface Ec2Instance {
  instanceId: string;
  reservationId: string;
  seq: number;
  amiLaunchIndex: number;
  region: string;
  zone: string;
  vpcId: string;
  subnetId: string;
  securityGroups: { groupId: string; groupName: string }[];
  state: SandboxInstanceState;
  stateChangedAt: number;
  stateReason: string;
  instanceType: string;
  imageId: string;
  privateIp: string;
  publicIp: string | null;
  wantsPublicIp: boolean;
  launchedAt: string;
  tags: Record<string, string>;
  userData: string | null;
  clientToken: string;
  iamInstanceProfile: string | null;
  blockDevices: BlockDevice[];
}

interface ClientTokenEntry {
  reservationId: string;
  fingerprint: string;
  instanceIds: string[];
}

export const DEFAULT_TIMINGS: SandboxTimings = {
  bootMs: 1500,
  shutdownMs: 1000,
  terminatedRetentionMs: 60 * 60_000,
};

/** EC2's numeric state codes (the low byte of `instanceState.code`). */
export const STATE_CODES: Record<SandboxInstanceState, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export const newEc2Id = (prefix: string) => `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;

export class Ec2State implements SandboxWorld {
  timings: SandboxTimings = { ...DEFAULT_TIMINGS };
  private readonly byId = new Map<string, Ec2Instance>();
  private readonly tokens = new Map<string, ClientTokenEntry>();
  private readonly timers = new TransitionTimers();
  private readonly listeners = new StateChangeListeners();
  private seq = 0;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly file?: string) {
    if (file) this.load(file);
  }

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Terminates an instance behind Drover's back, as a spot reclaim or a person in the console would. */
  kill(instanceId: string): boolean {
    const instance = this.get(instanceId);
    if (!instance || instance.state === 'terminated' || instance.state === 'shutting-down') return false;
    this.terminate(instance, 'Server.SpotInstanceTermination: sandbox kill');
    return true;
  }

  instances(): SandboxInstance[] {
    return this.all().map((i) => this.snapshot(i));
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  tokenEntry(region: string, token: string): ClientTokenEntry | undefined {
    const entry = this.tokens.get(`${region}/${token}`);
    // A token whose instances have all been purged is forgotten, as EC2 eventually does.
    if (entry && !entry.instanceIds.some((id) => this.byId.has(id))) {
      this.tokens.delete(`${region}/${token}`);
      return undefined;
    }
    return entry;
  }

  /** Adds freshly launched (pending) instances and schedules their boot. */
  add(launched: Ec2Instance[], token?: { region: string; value: string; fingerprint: string }): void {
    for (const instance of launched) {
      this.byId.set(instance.instanceId, instance);
      this.emit(instance, null);
      this.schedule(instance, 'running', this.timings.bootMs);
    }
    if (token && launched[0]) {
      this.tokens.set(`${token.region}/${token.value}`, {
        reservationId: launched[0].reservationId,
        fingerprint: token.fingerprint,
        instanceIds: launched.map((i) => i.instanceId),
      });
    }
    this.changed();
  }

  get(instanceId: string): Ec2Instance | undefined {
    this.purgeExpired();
    return this.byId.get(instanceId);
  }

  /** Instances of a region in launch order (what DescribeInstances pages over). */
  inRegion(region: string): Ec2Instance[] {
    this.purgeExpired();
    return [...this.byId.values()].filter((i) => i.region === region).sort((a, b) => a.seq - b.seq);
  }

  all(): Ec2Instance[] {
    this.purgeExpired();
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  terminate(instance: Ec2Instance, reason = 'User initiated'): void {
    if (instance.state === 'terminated' || instance.state === 'shutting-down') return;
    this.move(instance, 'shutting-down', reason);
    this.schedule(instance, 'terminated', this.timings.shutdownMs);
  }

  /** Throws EC2's IncorrectInstanceState if `verb` cannot apply now (checked for every id before any moves). */
  check(instance: Ec2Instance, verb: 'terminate' | 'stop' | 'start' | 'reboot'): void {
    const allowed: Record<typeof verb, SandboxInstanceState[]> = {
      terminate: ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'],
      stop: ['running', 'stopping', 'stopped'],
      start: ['stopped', 'pending', 'running'],
      reboot: ['pending', 'running'],
    };
    if (!allowed[verb].includes(instance.state)) throw incorrectState(instance, verb);
  }

  stop(instance: Ec2Instance): void {
    this.check(instance, 'stop');
    if (instance.state === 'stopped' || instance.state === 'stopping') return;
    this.move(instance, 'stopping', 'User initiated');
    this.schedule(instance, 'stopped', this.timings.shutdownMs);
  }

  start(instance: Ec2Instance): void {
    this.check(instance, 'start');
    if (instance.state === 'running' || instance.state === 'pending') return;
    this.move(instance, 'pending', '');
    this.schedule(instance, 'running', this.timings.bootMs);
  }

  /** Flushes pending writes and cancels timers (the sandbox is stopping). */
  async close(): Promise<void> {
    this.timers.cancelAll();
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      await this.save();
    }
  }

  snapshot(instance: Ec2Instance): SandboxInstance {
    return {
      instanceId: instance.instanceId,
      region: instance.region,
      zone: instance.zone,
      state: instance.state,
      instanceType: instance.instanceType,
      imageId: instance.imageId,
      privateIp: instance.privateIp,
      publicIp: instance.publicIp,
      launchedAt: instance.launchedAt,
      tags: { ...instance.tags },
      userData: instance.userData,
    };
  }

  private schedule(instance: Ec2Instance, to: SandboxInstanceState, delayMs: number): void {
    this.timers.after(instance.instanceId, delayMs, () => this.move(instance, to, instance.stateReason));
  }

  private move(instance: Ec2Instance, to: SandboxInstanceState, reason: string): void {
    const previous = instance.state;
    if (previous === to) return;
    instance.state = to;
    instance.stateChangedAt = Date.now();
    instance.stateReason = reason;
    // EC2 releases an instance's public IPv4 when it stops and assigns a fresh one when it starts.
    if (to === 'stopped' || to === 'terminated') instance.publicIp = null;
    if (to === 'pending' && previous === 'stopped' && instance.wantsPublicIp)
      instance.publicIp = randomPublicIp();
    if (to !== 'pending' && to !== 'running' && to !== 'stopping' && to !== 'shutting-down') {
      this.timers.cancel(instance.instanceId);
    }
    this.emit(instance, previous);
    this.changed();
  }

  private emit(instance: Ec2Instance, previous: SandboxInstanceState | null): void {
    if (this.listeners.heard) this.listeners.tell({ instance: this.snapshot(instance), previous });
  }

  private purgeExpired(): void {
    const horizon = Date.now() - this.timings.terminatedRetentionMs;
    for (const [id, instance] of this.byId) {
      if (instance.state === 'terminated' && instance.stateChangedAt < horizon) this.byId.delete(id);
    }
  }

  private changed(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, 100);
    this.saveTimer.unref();
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    const data = {
      seq: this.seq,
      instances: [...this.byId.values()],
      tokens: [...this.tokens.entries()],
    };
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, this.file);
  }

  private load(file: string): void {
    let data: { seq: number; instances: Ec2Instance[]; tokens: [string, ClientTokenEntry][] };
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return; // no file yet (or unreadable): start empty
    }
    this.seq = data.seq;
    for (const [key, entry] of data.tokens) this.tokens.set(key, entry);
    for (const instance of data.instances) {
      this.byId.set(instance.instanceId, instance);
      // Transitions in flight when the sandbox stopped complete right after it starts again.
      const settled: Partial<Record<SandboxInstanceState, SandboxInstanceState>> = {
        pending: 'running',
        stopping: 'stopped',
        'shutting-down': 'terminated',
      };
      const to = settled[instance.state];
      if (to) this.schedule(instance, to, 0);
    }
  }
}

function incorrectState(instance: Ec2Instance, verb: string): Ec2ApiError {
  return new Ec2ApiError(
    'IncorrectInstanceState',
    `The instance '${instance.instanceId}' is not in a state from which it can be ${verb}ed (it is ${instance.state}).`,
  );
}

export function randomPublicIp(): string {
  const b = randomBytes(3);
  return `54.${b[0]! % 256}.${b[1]! % 256}.${(b[2]! % 254) + 1}`;
}
