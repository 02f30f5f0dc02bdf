// The control surface every sandbox cloud serves under `<url>/_sandbox/` (same port as its API,
// outside it: no auth, no faults), for the local runtime, tests and people with curl:
//   GET    /_sandbox/instances              every instance, as SandboxInstance[]
//   POST   /_sandbox/instances/{id}/kill    terminate behind Drover's back → { killed: id } (404 if unknown)
//   GET    /_sandbox/faults                 current faults
//   PUT    /_sandbox/faults                 merge a JSON Partial<SandboxFaults> → the faults
//   DELETE /_sandbox/faults                 clear all faults, lost responses and duplicate deliveries included (204)
//   POST   /_sandbox/lost-responses         { action, count?, kind? }: the next calls of action act, then lose their answer (200)
//   POST   /_sandbox/duplicate-events       { count? }: the next state changes are delivered twice (200)
//   GET    /_sandbox/timings                current timings
//   PUT    /_sandbox/timings                merge a JSON Partial<SandboxTimings> → the timings
//   GET    /_sandbox/calls                  { counts, recent } of API calls
//   GET    /_sandbox/load                   the simulated agents' load, by key
//   PUT    /_sandbox/load                   { key, cpuPercent }: a farm role's total CPU demand (simulated-load.ts)
//   DELETE /_sandbox/load                   no load anywhere (204)
import { z } from 'zod';
import { DuplicateEventsRequest, FaultsPatch, LostResponsesRequest } from './faults';
import type { SandboxCloud } from './sandbox-cloud';
import { LoadPatch } from './simulated-load';
import { TimingsPatch } from './timings';

export const CONTROL_PREFIX = '/_sandbox/';

export interface ControlAnswer {
  status: number;
  body?: unknown;
}

export function handleControl(
  target: SandboxCloud,
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
    case 'PUT /_sandbox/faults':
      return patch(FaultsPatch, body, (value) => {
        target.setFaults(value);
        return target.faults();
      });
    case 'POST /_sandbox/lost-responses':
      return patch(LostResponsesRequest, body, ({ action, count, kind }) => {
        target.loseResponses(action, count, kind);
      });
    case 'POST /_sandbox/duplicate-events':
      return patch(DuplicateEventsRequest, body, ({ count }) => target.duplicateStateChanges(count));
    case 'DELETE /_sandbox/faults':
      target.clearFaults();
      return { status: 204 };
    case 'GET /_sandbox/timings':
      return { status: 200, body: target.timings() };
    case 'PUT /_sandbox/timings':
      return patch(TimingsPatch, body, (value) => {
        target.setTimings(value);
        return target.timings();
      });
    case 'GET /_sandbox/load':
      return { status: 200, body: target.load.all() };
    case 'PUT /_sandbox/load':
      return patch(LoadPatch, body, (value) => {
        target.load.set(value);
        return target.load.all();
      });
    case 'DELETE /_sandbox/load':
      target.load.clear();
      return { status: 204 };
    case 'GET /_sandbox/calls':
      return { status: 200, body: { counts: target.callCounts(), recent: target.recentCalls() } };
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}

/** Parses a JSON body with `schema` and applies it; a bad body is a 400 saying what is wrong, field by field. */
function patch<T>(schema: z.ZodType<T>, body: string, apply: (value: T) => unknown): ControlAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body || '{}');
  } catch {
    return { status: 400, body: { error: 'body is not JSON' } };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { status: 400, body: { error: z.prettifyError(parsed.error) } };
  return { status: 200, body: apply(parsed.data) };
}
