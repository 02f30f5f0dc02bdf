// Reading executions: per server, per farm, per script (newest first; open ones first per server)
// and one with its whole output. Lists carry only the last KiB of each stream, so a page of 200
// runs stays far below a Lambda response's 6 MB; GET one execution for its full 64 KiB tails.
// Reads by id and per script cross environments: each execution is shown only to a caller who
// may see its farm (functions/domain/orchestration/execution-visibility.ts); another is 404.
import { NotFound } from '../../domain/errors';
import { seesExecutionsOf } from '../../domain/orchestration/execution-visibility';
import type { Page, PageQuery } from '../../domain/schemas/common';
import type { Execution } from '../../domain/schemas/orchestration';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { lastBytes } from './output-tail';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type ExecutionsRepos = Pick<Store, 'executions' | 'farms' | 'scripts' | 'servers'>;

interface Deps {
  store: ExecutionsRepos;
}

export const LIST_OUTPUT_TAIL_BYTES = 1024;

function summarized(page: Page<Execution>): Page<Execution> {
  return {
    ...page,
    items: page.items.map((e) => ({
      ...e,
      stdoutTail: lastBytes(e.stdoutTail, LIST_OUTPUT_TAIL_BYTES),
      stderrTail: lastBytes(e.stderrTail, LIST_OUTPUT_TAIL_BYTES),
    })),
  };
}

export async function getExecution(
  deps: Deps,
  principal: Principal,
  executionId: string,
): Promise<Execution> {
  const execution = await deps.store.executions.get({ accountId: principal.accountId }, executionId);
  const visible = await visibleTo(deps, principal);
  if (!execution || !(await visible(execution))) throw new NotFound(`Execution ${executionId} not found`);
  return execution;
}

/**
 * Whether the caller sees an execution, its farm read once per farm. Without resolved grants (a
 * caller the authorize middleware did not see) the caller is the account's, as for the audit log.
 */
async function visibleTo(deps: Deps, principal: Principal) {
  const subject = principal.subject;
  if (!subject) return async (_: Execution) => true;
  const farms = new Map<string, Promise<{ ownerId: string; ownerTeamId: string | null } | undefined>>();
  const farmOf = (id: string) => {
    if (!farms.has(id))
      farms.set(
        id,
        deps.store.farms
          .get({ accountId: principal.accountId }, id)
          .then((f) => (f ? { ownerId: f.ownerId, ownerTeamId: f.ownerTeamId ?? null } : undefined)),
      );
    return farms.get(id)!;
  };
  return async (e: Execution) => {
    const farm = await farmOf(e.farmId);
    return seesExecutionsOf(subject, {
      accountId: e.accountId,
      environmentId: e.environmentId,
      ...(farm ? { farm } : {}),
    });
  };
}

export async function listFarmExecutions(deps: Deps, principal: Principal, farmId: string, page: PageQuery) {
  const scope = { accountId: principal.accountId, farmId };
  if (!(await deps.store.farms.get(scope, farmId))) throw new NotFound(`Farm ${farmId} not found`);
  return summarized(await deps.store.executions.listByFarm(scope, page));
}

export async function listServerExecutions(
  deps: Deps,
  principal: Principal,
  farmId: string,
  serverId: string,
  page: PageQuery,
) {
  const scope = { accountId: principal.accountId, farmId };
  if (!(await deps.store.servers.get(scope, serverId)))
    throw new NotFound(`Server ${serverId} not found in farm ${farmId}`);
  return summarized(await deps.store.executions.listByServer({ ...scope, serverId }, page));
}

export async function listScriptExecutions(
  deps: Deps,
  principal: Principal,
  scriptId: string,
  page: PageQuery,
) {
  const scope = { accountId: principal.accountId };
  if (!(await deps.store.scripts.get(scope, scriptId))) throw new NotFound(`Script ${scriptId} not found`);
  // A page may hold fewer items than its limit (its cursor still leads on), as the other filtered lists.
  const listed = await deps.store.executions.listByScript(scope, scriptId, page);
  const visible = await visibleTo(deps, principal);
  const shown = await Promise.all(listed.items.map(visible));
  return summarized({ ...listed, items: listed.items.filter((_, i) => shown[i]) });
}
