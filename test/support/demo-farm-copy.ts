// A new farm with the demo farm's farm roles (the sandbox credentials and role npm start seeds),
// Terminated until launched: for tests that launch and terminate farms of their own.
import { expect } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import type { ApiClient } from './api-client';

export async function copyOfDemoFarm(rt: LocalRuntime, api: ApiClient, name: string) {
  const demo = (await api.get(`/v1/farms/${rt.demo.farmId}`)).body;
  const created = await api.post(`/v1/environments/${rt.demo.environmentId}/farms`, {
    name,
    description: demo.description,
    farmRoles: demo.farmRoles.map(({ id: _id, ...fr }: { id: string }) => fr),
  });
  expect(created.status).toBe(201);
  return created.body;
}
