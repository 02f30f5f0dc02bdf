// The figures the agent reports every minute (load average, CPU %, memory, disk), from Node's
// own os and fs: no `top`/`df` parsing. CPU % is the busy share of all cores between two samples.
import { statfs } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { AgentMetrics } from '../functions/domain/schemas/agent-protocol';

interface CpuSample {
  idle: number;
  total: number;
}

function sampleCpu(): CpuSample {
  let idle = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

export class MetricsSampler {
  private last = sampleCpu();

  constructor(private readonly diskPath: string) {}

  async sample(now = new Date()): Promise<AgentMetrics> {
    const cpu = sampleCpu();
    const total = cpu.total - this.last.total;
    const busy = total - (cpu.idle - this.last.idle);
    this.last = cpu;
    const cpuPercent = total > 0 ? Math.min(100, Math.max(0, (busy / total) * 100)) : 0;
    const fs = await statfs(this.diskPath);
    const [load1, load5, load15] = loadavg() as [number, number, number];
    return {
      load1,
      load5,
      load15,
      cpuPercent: Math.round(cpuPercent * 10) / 10,
      memory: { totalBytes: totalmem(), usedBytes: totalmem() - freemem() },
      disk: {
        path: this.diskPath,
        totalBytes: fs.blocks * fs.bsize,
        usedBytes: (fs.blocks - fs.bfree) * fs.bsize,
      },
      at: now.toISOString(),
    };
  }
}
