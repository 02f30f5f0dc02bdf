// Reading executions: per server, per farm, per script (newest first; open ones first per server)
// and one with its whole output. Lists carry only the last KiB of each stream, so a page of 200
// runs stays far below a Lambda response's 6 MB; GET one execution for its full 64 KiB tails.
import { NotFound } from '../../domain/errors';
import type { Page, PageQuery } from '../../domain/schemas/common';
import type { Execution } from '../../domain/schemas/orchestration';
import type { Principal } from '../../ports/identity';
import type { Store } from '../../ports/store';
import { lastBytes } from './output-tail';

interface Deps {
  store: Store;
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
  if (!execution) throw new NotFound(`Execution ${executionId} not found`);
  return execution;
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
  return summarized(await deps.store.executions.listByScript(scope, scriptId, page));
}
