// The `account` group's part of the API routing table (routes.ts assembles API_ROUTES).
import { Account } from '../domain/schemas/account';
import type { RouteDef } from './route-def';

export const ACCOUNT_ROUTES = [
  {
    operationId: 'getAccount',
    method: 'GET',
    path: '/api/v1/account',
    group: 'account',
    summary: "The caller's account",
    access: 'signed-in',
    auth: true,
    response: { status: 200, schema: Account },
  },
] as const satisfies readonly RouteDef[];
