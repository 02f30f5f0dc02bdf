// The sandbox's own HTTP control surface under `/_sandbox/` (outside the Compute API, so no
// auth and no faults): watch instances, kill one, inject faults, change timings, read counts.
//   GET    /_sandbox/instances              → { instances: SandboxInstance[] }
//   POST   /_sandbox/instances/{name}/kill  → { killed: true } | 404 { killed: false }
//   GET|PUT|DELETE /_sandbox/faults         → { faults }   (PUT merges a partial SandboxFaults)
//   GET|PUT /_sandbox/timings               → { timings }  (PUT merges a partial SandboxTimings)
//   GET    /_sandbox/calls                  → { calls: { "instances.list": 3, … } }
import type { SandboxCloud, SandboxFaults, SandboxTimings } from '../core/sandbox-cloud';

export interface ControlResponse {
  status: number;
  body: unknown;
}

type Controlled = SandboxCloud & { faults(): SandboxFaults; timings(): SandboxTimings };

const share = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function checkFaults(input: Record<string, unknown>): string | null {
  for (const key of ['throttleShare', 'errorShare'] as const)
    if (key in input && !share(input[key])) return `${key} must be a number between 0 and 1`;
  if ('latencyMs' in input && !nonNegative(input.latencyMs)) return 'latencyMs must be a non-negative number';
  if ('capacity' in input) {
    const capacity = input.capacity;
    if (!Array.isArray(capacity) || !capacity.every((c) => c && typeof c === 'object'))
      return 'capacity must be a list of { instanceType?, zone? }';
  }
  return null;
}

function checkTimings(input: Record<string, unknown>): string | null {
  for (const key of ['bootMs', 'shutdownMs', 'terminatedRetentionMs'])
    if (key in input && !nonNegative(input[key])) return `${key} must be a non-negative number`;
  return null;
}

export function handleControl(
  sandbox: Controlled,
  method: string,
  path: string,
  body: unknown,
): ControlResponse {
  const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const kill = /^\/_sandbox\/instances\/([^/]+)\/kill$/.exec(path);
  if (kill && method === 'POST') {
    const killed = sandbox.kill(decodeURIComponent(kill[1] as string));
    return { status: killed ? 200 : 404, body: { killed } };
  }
  switch (`${method} ${path}`) {
    case 'GET /_sandbox/instances':
      return { status: 200, body: { instances: sandbox.instances() } };
    case 'GET /_sandbox/faults':
      return { status: 200, body: { faults: sandbox.faults() } };
    case 'PUT /_sandbox/faults': {
      const problem = checkFaults(input);
      if (problem) return { status: 400, body: { error: problem } };
      sandbox.setFaults(input as Partial<SandboxFaults>);
      return { status: 200, body: { faults: sandbox.faults() } };
    }
    case 'DELETE /_sandbox/faults':
      sandbox.clearFaults();
      return { status: 200, body: { faults: sandbox.faults() } };
    case 'GET /_sandbox/timings':
      return { status: 200, body: { timings: sandbox.timings() } };
    case 'PUT /_sandbox/timings': {
      const problem = checkTimings(input);
      if (problem) return { status: 400, body: { error: problem } };
      sandbox.setTimings(input as Partial<SandboxTimings>);
      return { status: 200, body: { timings: sandbox.timings() } };
    }
    case 'GET /_sandbox/calls':
      return { status: 200, body: { calls: sandbox.callCounts() } };
    default:
      return { status: 404, body: { error: `no control ${method} ${path}` } };
  }
}
