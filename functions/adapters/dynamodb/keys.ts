// Key builders for the single table (see table.ts for the layout and why).
import type { VariableTarget } from '../../domain/variables/variable-set';

export const keys = {
  account: (acc: string) => ({ pk: `ACC#${acc}`, sk: 'META' }),
  environment: (acc: string, env: string) => ({ pk: `ACC#${acc}`, sk: `ENV#${env}` }),
  role: (acc: string, role: string) => ({ pk: `ACC#${acc}`, sk: `ROLE#${role}` }),
  credentials: (acc: string, env: string, cred: string) => ({
    pk: `ACC#${acc}#ENV#${env}`,
    sk: `CRED#${cred}`,
  }),
  farm: (acc: string, farm: string) => ({ pk: farmPartition(acc, farm), sk: 'META' }),
  farmByEnvironment: (acc: string, env: string, farm: string) => ({
    gsi1pk: `ACC#${acc}#ENV#${env}`,
    gsi1sk: `FARM#${farm}`,
  }),
  server: (acc: string, farm: string, srv: string) => ({ pk: farmPartition(acc, farm), sk: `SRV#${srv}` }),
  serverByInstance: (platform: string, instanceId: string) => ({
    gsi2pk: `INST#${platform}#${instanceId}`,
    gsi2sk: 'SRV',
  }),
  farmEvent: (acc: string, farm: string, eventId: string) => ({
    pk: farmPartition(acc, farm),
    sk: `EVT#${eventId}`,
  }),
  webhookEndpoint: (acc: string, env: string, id: string) => ({
    pk: environmentPartition(acc, env),
    sk: `WHE#${id}`,
  }),
  webhook: (acc: string, env: string, id: string) => ({ pk: environmentPartition(acc, env), sk: `WH#${id}` }),
  // Global Variables: one set per scope, in the partition of what the scope belongs to (a farm's
  // sets, its farm roles' and servers' sit with the farm, read by one Query and deleted with it).
  variableSet: (acc: string, target: VariableTarget) => {
    switch (target.scope) {
      case 'account':
        return { pk: `ACC#${acc}`, sk: 'VARS#ACCOUNT' };
      case 'environment':
        return { pk: environmentPartition(acc, target.environmentId), sk: 'VARS#ENV' };
      case 'role':
        return { pk: `ACC#${acc}`, sk: `VARS#ROLE#${target.roleId}` };
      case 'farm':
        return { pk: farmPartition(acc, target.farmId), sk: 'VARS#FARM' };
      case 'farmRole':
        return { pk: farmPartition(acc, target.farmId), sk: `VARS#FR#${target.farmRoleId}` };
      case 'server':
        return { pk: farmPartition(acc, target.farmId), sk: `VARS#SRV#${target.serverId}` };
    }
  },
  // A delivery has its own partition (a burst of events spreads over the table); gsi1 lists a
  // webhook's deliveries newest first.
  delivery: (acc: string, id: string) => ({ pk: `ACC#${acc}#DLV#${id}`, sk: 'META' }),
  deliveryByWebhook: (acc: string, webhook: string, createdAt: string, id: string) => ({
    gsi1pk: webhookDeliveriesPartition(acc, webhook),
    gsi1sk: `DLV#${createdAt}#${id}`,
  }),
  policy: (acc: string, env: string, id: string) => ({ pk: environmentPartition(acc, env), sk: `POL#${id}` }),
  leaseExtension: (acc: string, farm: string, id: string) => ({
    pk: farmPartition(acc, farm),
    sk: `LXR#${id}`,
  }),
  // The audit log (audit-repo.ts): one partition per account, gsi1 per resource.
  audit: (acc: string, id: string) => ({ pk: auditPartition(acc), sk: `AUD#${id}` }),
  auditByResource: (acc: string, resourceId: string, id: string) => ({
    gsi1pk: auditResourcePartition(acc, resourceId),
    gsi1sk: `AUD#${id}`,
  }),
};

export function auditPartition(acc: string): string {
  return `ACC#${acc}#AUDIT`;
}

export function auditResourcePartition(acc: string, resourceId: string): string {
  return `ACC#${acc}#AUDRES#${resourceId}`;
}

export function environmentPartition(acc: string, env: string): string {
  return `ACC#${acc}#ENV#${env}`;
}

export function webhookDeliveriesPartition(acc: string, webhook: string): string {
  return `ACC#${acc}#WH#${webhook}`;
}

export function farmPartition(acc: string, farm: string): string {
  return `ACC#${acc}#FARM#${farm}`;
}

/** A cloud location's inventory (inventory-repo.ts): the account's credentials in one region. */
export function inventoryPartition(acc: string, platform: string, cred: string, region: string): string {
  return `ACC#${acc}#INV#${platform}#${cred}#${region}`;
}
