// Governance policies and lease extension requests on the single table (keys.ts):
//   policy            ACC#<acc>#ENV#<env>     POL#<id>
//   lease extension   ACC#<acc>#FARM#<farm>   LXR#<id>   (ids are ULIDs: newest last)
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LeaseExtension, Policy } from '../../domain/schemas/policy';
import type { LeaseExtensionRepo, PolicyRepo } from '../../ports/policy-store';
import { environmentPartition, farmPartition, keys } from './keys';
import type { VersionedItems } from './versioned-items';

export function createPolicyRepos(
  _db: DynamoDBDocumentClient,
  _tableName: string,
  items: VersionedItems,
): { policies: PolicyRepo; leaseExtensions: LeaseExtensionRepo } {
  const policyKeys = (p: Policy) => keys.policy(p.accountId, p.environmentId, p.id);
  const requestKeys = (r: LeaseExtension) => keys.leaseExtension(r.accountId, r.farmId, r.id);
  return {
    policies: {
      get: ({ accountId, environmentId }, id) => items.get<Policy>(keys.policy(accountId, environmentId, id)),
      list: ({ accountId, environmentId }, page) =>
        items.page<Policy>(environmentPartition(accountId, environmentId), 'POL#', page.limit, page.cursor),
      listAll: ({ accountId, environmentId }) =>
        items.all<Policy>(environmentPartition(accountId, environmentId), 'POL#'),
      create: (p) => items.create('policy', policyKeys(p), p, 'Policy'),
      update: (p, expected) => items.update('policy', policyKeys(p), p, expected, 'Policy'),
      delete: ({ accountId, environmentId }, id, expected) =>
        items.delete(keys.policy(accountId, environmentId, id), 'Policy', expected),
    },
    leaseExtensions: {
      get: ({ accountId, farmId }, id) =>
        items.get<LeaseExtension>(keys.leaseExtension(accountId, farmId, id)),
      listByFarm: ({ accountId, farmId }, page) =>
        items.page<LeaseExtension>(farmPartition(accountId, farmId), 'LXR#', page.limit, page.cursor, {
          scanForward: false,
        }),
      create: (r) => items.create('leaseExtension', requestKeys(r), r, 'Lease extension request'),
      update: (r, expected) =>
        items.update('leaseExtension', requestKeys(r), r, expected, 'Lease extension request'),
    },
  };
}
