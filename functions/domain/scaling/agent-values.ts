// An agent's report as the values scaling rules read, by metricKey: the built-in metrics under
// their AGENT_METRIC_NAMES and custom ones as `custom:<name>` (what metricKey(source) files them
// under), so a rule finds its samples by its source alone.
import type { AgentMetrics } from '../schemas/agent-protocol';
import type { AgentMetricName } from '../schemas/scaling';

const MIB = 1024 * 1024;
const percent = (used: number, total: number) => (total > 0 ? (used / total) * 100 : 0);

export function agentMetricValues(report: AgentMetrics): Record<string, number> {
  const builtIn: Partial<Record<AgentMetricName, number>> = {
    load1: report.load1,
    load5: report.load5,
    load15: report.load15,
    cpuPercent: report.cpuPercent,
    memoryUsedPercent: percent(report.memory.usedBytes, report.memory.totalBytes),
    memoryFreeMiB: (report.memory.totalBytes - report.memory.usedBytes) / MIB,
    diskUsedPercent: percent(report.disk.usedBytes, report.disk.totalBytes),
    networkInBytesPerSec: report.networkInBytesPerSec,
    networkOutBytesPerSec: report.networkOutBytesPerSec,
  };
  const values: Record<string, number> = {};
  for (const [name, value] of Object.entries(builtIn)) if (value !== undefined) values[name] = value;
  for (const [name, value] of Object.entries(report.custom ?? {})) values[`custom:${name}`] = value;
  return values;
}
