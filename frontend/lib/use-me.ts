'use client';
// The signed-in user and what they may do in each environment (`GET /api/v1/me`), read once per
// page; me-permissions.ts turns it into "may" and "why not".
import type { MeView } from './me-permissions';
import { portalApi } from './portal-client';
import { useApi } from './use-api';

export function useMe(signedIn: boolean) {
  return useApi<MeView>(signedIn ? 'me' : null, async (signal) => (await portalApi.getMe({ signal })).body);
}
