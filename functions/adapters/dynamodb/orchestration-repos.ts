// Scripts, orchestration rules and executions on the single table: orchestration-keys.ts holds
// the layout, script-repo.ts and execution-repo.ts the two with more than plain documents.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExecutionRepo, OrchestrationRuleRepo, ScriptRepo } from '../../ports/orchestration-store';
import { createExecutionRepo } from './execution-repo';
import type { ItemExpiry } from './item-expiry';
import { orchestrationKeys } from './orchestration-keys';
import { createScriptRepo } from './script-repo';
import type { VersionedItems } from './versioned-items';

export { orchestrationKeys } from './orchestration-keys';

export function createOrchestrationRepos(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: VersionedItems,
  expiry: ItemExpiry,
): { scripts: ScriptRepo; orchestrationRules: OrchestrationRuleRepo; executions: ExecutionRepo } {
  const orchestrationRules: OrchestrationRuleRepo = {
    get: ({ accountId }, id) => items.get(orchestrationKeys.rule(accountId, id)),
    list: ({ accountId }, page) => items.page(`ACC#${accountId}`, 'RULE#', page.limit, page.cursor),
    listAll: ({ accountId }) => items.all(`ACC#${accountId}`, 'RULE#'),
    create: (r) => items.create('orchestrationRule', orchestrationKeys.rule(r.accountId, r.id), r, 'Rule'),
    update: (r, expected) =>
      items.update('orchestrationRule', orchestrationKeys.rule(r.accountId, r.id), r, expected, 'Rule'),
    delete: ({ accountId }, id, expected) =>
      items.delete(orchestrationKeys.rule(accountId, id), 'Rule', expected),
  };
  return {
    scripts: createScriptRepo(db, tableName, items),
    orchestrationRules,
    executions: createExecutionRepo(db, tableName, items, expiry),
  };
}
