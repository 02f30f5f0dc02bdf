// The world the private clouds' credentials tests run in (OpenStack, CloudStack): a sandbox of that
// cloud of their own beside the local runtime (so credentials can point anywhere on it), the demo
// owner's API client, and the demo environment's credentials path.
import { afterAll, beforeAll } from 'vitest';
import type { LocalRuntime } from '../../../local/runtime';
import { type ApiClient, apiClient } from '../../support/api-client';
import { startTestRuntime } from '../../support/local-runtime';

export interface CredentialsWorld {
  rt: LocalRuntime;
  api: ApiClient;
  /** `/v1/environments/<demo environment>/credentials`. */
  base: string;
}

/** Starts `sandbox` and a runtime before the file's tests and stops both after them. */
export function credentialsWorld(sandbox: {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
}): CredentialsWorld {
  const world = {} as CredentialsWorld;
  beforeAll(async () => {
    await sandbox.start();
    world.rt = await startTestRuntime();
    world.api = apiClient(world.rt.apiUrl, world.rt.demo.token);
    world.base = `/v1/environments/${world.rt.demo.environmentId}/credentials`;
  });
  afterAll(async () => {
    await world.rt?.stop();
    await sandbox.stop();
  });
  return world;
}
