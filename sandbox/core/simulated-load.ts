// The load the sandbox's simulated agents report, set per farm role through the control surface
// (`PUT /_sandbox/load`), so scaling can be watched end to end without busy servers: a total CPU
// demand (in percent of one server) is spread evenly over the running instances that carry the
// key among their tag or label values (a farm role id, or any tag value such as a Name), each
// reporting min(100, total / n) — so adding servers lowers each one's share, as real load does.
import { z } from 'zod';
import type { AgentMetrics } from '../../functions/domain/schemas/agent-protocol';

export const LoadPatch = z
  .object({
    /** A tag or label value the farm role's instances carry (their farm role id does). */
    key: z.string().min(1).max(256),
    /** Total CPU demand in percent of one server, spread over the matching running instances. */
    cpuPercent: z.number().min(0).max(100_000),
  })
  .strict();

const GIB = 1024 ** 3;

/** What the load needs of an instance (sandbox-cloud.ts's SandboxInstance has it; not imported, as that file holds this class). */
interface Tagged {
  tags: Record<string, string>;
}

export class SimulatedLoad {
  private readonly totals = new Map<string, number>();

  set(patch: z.infer<typeof LoadPatch>): void {
    this.totals.set(patch.key, patch.cpuPercent);
  }

  clear(): void {
    this.totals.clear();
  }

  all(): Record<string, number> {
    return Object.fromEntries(this.totals);
  }

  /** The report of `instance`'s agent, sharing its key's load with `running` (its cloud's running instances). */
  report(instance: Tagged, running: readonly Tagged[], now = new Date()): AgentMetrics {
    const key = [...this.totals.keys()].find((k) => Object.values(instance.tags).includes(k));
    const peers = key ? running.filter((i) => Object.values(i.tags).includes(key)).length : 1;
    const cpu = key ? Math.min(100, this.totals.get(key)! / Math.max(1, peers)) : 0;
    const rounded = Math.round(cpu * 10) / 10;
    return {
      load1: rounded / 50,
      load5: rounded / 50,
      load15: rounded / 50,
      cpuPercent: rounded,
      memory: { totalBytes: 4 * GIB, usedBytes: GIB + (rounded / 100) * 2 * GIB },
      disk: { path: '/', totalBytes: 20 * GIB, usedBytes: 5 * GIB },
      at: now.toISOString(),
    };
  }
}
