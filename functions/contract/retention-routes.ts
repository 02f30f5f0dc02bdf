// The account's data-retention settings (domain/schemas/retention.ts), part of the `account`
// group's routes (routes.ts spreads them into API_ROUTES). Anyone of the account may read how
// long its records are kept; changing it is an account administrator's action, audited like
// every write.
import { RetentionInput, RetentionSettings } from '../domain/schemas/retention';
import type { RouteDef } from './route-def';

export const RETENTION_ROUTES = [
  {
    operationId: 'getRetention',
    method: 'GET',
    path: '/api/v1/account/retention',
    group: 'account',
    summary:
      'How many days the account keeps audit entries, farm events, executions, webhook deliveries and reconcile summaries (the defaults at version 0 until an admin saves them)',
    access: 'signed-in',
    auth: true,
    response: { status: 200, schema: RetentionSettings },
    versioned: true,
  },
  {
    operationId: 'putRetention',
    method: 'PUT',
    path: '/api/v1/account/retention',
    group: 'account',
    summary:
      'Replace the retention settings (If-Match "0" for the first save); items written afterwards expire by them, existing ones keep their expiry',
    access: 'account:manage',
    auth: true,
    body: RetentionInput,
    response: { status: 200, schema: RetentionSettings },
    versioned: true,
  },
] as const satisfies readonly RouteDef[];
