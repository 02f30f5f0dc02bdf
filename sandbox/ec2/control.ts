// The sandbox's HTTP control surface under `/_sandbox/` (same port as the API), for the local
// runtime, the portal's demo tooling and people with curl:
//   GET    /_sandbox/instances              every instance, as SandboxInstance
//   POST   /_sandbox/instances/{id}/kill    terminate behind Drover's back (404 if unknown)
//   GET    /_sandbox/faults                 current faults
//   PUT    /_sandbox/faults                 merge a JSON Partial<SandboxFaults>
//   DELETE /_sandbox/faults                 clear all faults
//   GET    /_sandbox/timings                current timings
//   PUT    /_sandbox/timings                merge a JSON Partial<SandboxTimings>
//   GET    /_sandbox/calls                  { counts, recent } of API calls
import { z } from 'zod';
import type { SandboxCloud, SandboxFaults, SandboxTimings } from '../core/sandbox-cloud';

const Share = z.number().min(0).max(1);
export const FaultsPatch = z
  .object({
    throttleShare: Share,
    errorShare: Share,
    capacity: z.array(
      z
        .object({ instanceType: z.string().min(1), zone: z.string().min(1) })
        .partial()
        .strict(),
    ),
    latencyMs: z.number().int().min(0).max(60_000),
  })
  .partial()
  .strict();

export const TimingsPatch = z
  .object({
    bootMs: z.number().int().min(0),
    shutdownMs: z.number().int().min(0),
    terminatedRetentionMs: z.number().int().min(0),
  })
  .partial()
  .strict();

export interface RecordedCall {
  at: string;
  action: string;
  region: string;
  status: number;
  code?: string;
}

export interface ControlTarget extends SandboxCloud {
  faults(): SandboxFaults;
  timings(): SandboxTimings;
  recentCalls(): RecordedCall[];
}

export interface ControlAnswer {
  status: number;
  body?: unknown;
}

export function handleControl(
  target: ControlTarget,
  method: string,
  path: string,
  body: string,
): ControlAnswer {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  const kill = /^POST \/_sandbox\/instances\/([^/]+)\/kill$/.exec(route);
  if (kill) {
    const id = decodeURIComponent(kill[1]!);
    return target.kill(id)
      ? { status: 200, body: { killed: id } }
      : { status: 404, body: { error: `no live instance ${id}` } };
  }
  switch (route) {
    case 'GET /_sandbox/instances':
      return { status: 200, body: target.instances() };
    case 'GET /_sandbox/faults':
      return { status: 200, body: target.faults() };
    case 'PUT /_sandbox/faults': {
      const patch = parseJson(FaultsPatch, body);
      if ('error' in patch) return { status: 400, body: patch };
      target.setFaults(patch.value);
      return { status: 200, body: target.faults() };
    }
    case 'DELETE /_sandbox/faults':
      target.clearFaults();
      return { status: 204 };
    case 'GET /_sandbox/timings':
      return { status: 200, body: target.timings() };
    case 'PUT /_sandbox/timings': {
      const patch = parseJson(TimingsPatch, body);
      if ('error' in patch) return { status: 400, body: patch };
      target.setTimings(patch.value);
      return { status: 200, body: target.timings() };
    }
    case 'GET /_sandbox/calls':
      return { status: 200, body: { counts: target.callCounts(), recent: target.recentCalls() } };
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}

function parseJson<T>(schema: z.ZodType<T>, body: string): { value: T } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body || '{}');
  } catch {
    return { error: 'body is not JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { value: parsed.data } : { error: z.prettifyError(parsed.error) };
}
