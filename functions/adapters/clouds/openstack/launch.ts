// Launching one server idempotently on Nova, which has no client token. The server's name is
// its Drover server id: look it up by exact name and adopt it before creating; after a create
// whose answer was lost (a 504, a reset connection) look again before trying again; and if two
// launchers still made two servers of one name, keep the oldest and delete the rest, so every
// launcher of that server returns the same one. A server the scheduler could not place ends in
// ERROR with its fault ("No valid host was found") and is deleted before the error is raised.
import type { LaunchSpec } from '../../../domain/clouds/launch-spec';
import { CloudError } from '../../../ports/cloud-driver';
import type { OpenStackClient } from './client';
import { faultError } from './client/errors';
import type { Server } from './client/wire/nova';
import { exactName, oldestFirst, type ResolvedPlacement, serverCreateBody } from './server-mapping';

export interface LaunchTiming {
  /** Attempts after the first when the create fails Throttled/Transient (the client's maxRetries). */
  maxRetries: number;
  /** How long to wait for the scheduler to place the server (ms). */
  schedulingDeadlineMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryable = (err: unknown): err is CloudError =>
  err instanceof CloudError && (err.kind === 'Throttled' || err.kind === 'Transient');

export async function launchServer(
  client: OpenStackClient,
  spec: LaunchSpec,
  placement: () => Promise<ResolvedPlacement>,
  timing: LaunchTiming,
): Promise<Server> {
  const region = spec.region;
  for (let attempt = 0; ; attempt++) {
    const existing = await keepOldest(client, region, spec.serverId);
    if (existing) return settled(client, region, existing, timing);
    try {
      const id = await client.nova.createServer(region, serverCreateBody(spec, await placement()));
      const server = await keepOldest(client, region, spec.serverId);
      return settled(client, region, server ?? (await client.nova.getServer(region, id)), timing);
    } catch (err) {
      if (!retryable(err)) throw err;
      // The create may have been carried out all the same: the next look by name finds it.
      const made = await keepOldest(client, region, spec.serverId).catch(() => undefined);
      if (made) return settled(client, region, made, timing);
      if (attempt >= timing.maxRetries) throw err;
      await sleep(err.details.retryAfterMs ?? Math.random() * Math.min(3_000, 100 * 2 ** (attempt + 1)));
    }
  }
}

/** The oldest live server of that name, after deleting any younger twin; undefined when there is none. */
async function keepOldest(
  client: OpenStackClient,
  region: string,
  name: string,
): Promise<Server | undefined> {
  const found = await client.nova.listServers(region, { name: exactName(name) });
  const live = oldestFirst(found.filter((s) => s.name === name && s['OS-EXT-STS:task_state'] !== 'deleting'));
  const [oldest, ...twins] = live;
  await Promise.all(
    twins.map((twin) =>
      client.nova.deleteServer(region, twin.id).catch((err: unknown) => {
        if (!(err instanceof CloudError && err.kind === 'NotFound')) throw err;
      }),
    ),
  );
  return oldest;
}

/** Waits out the scheduler; a server it could not place is deleted and its fault raised. */
async function settled(
  client: OpenStackClient,
  region: string,
  server: Server,
  timing: LaunchTiming,
): Promise<Server> {
  let current = server;
  const deadline = Date.now() + timing.schedulingDeadlineMs;
  for (
    let wait = 25;
    current.status === 'BUILD' && current['OS-EXT-STS:task_state'] === 'scheduling';
    wait = Math.min(wait * 2, 2_000)
  ) {
    if (Date.now() > deadline) return current;
    await sleep(wait);
    current = await client.nova.getServer(region, current.id);
  }
  if (current.status !== 'ERROR') return current;
  await client.nova.deleteServer(region, current.id).catch(() => undefined);
  throw faultError('servers.create', current.fault);
}
