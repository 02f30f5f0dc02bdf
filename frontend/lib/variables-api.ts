// The portal's client of the `variables` API group (functions/contract/variable-routes.ts): the
// declarations of one scope (GET with its ETag, PUT with If-Match) and the resolved view of a farm
// role. Answers are parsed with the shared schemas; hidden values arrive masked.
import type {
  GlobalVariableInput,
  VariableResolutionView,
  VariableSet,
} from '../../functions/domain/variables';
import { portalApi, type Tagged, tagged } from './portal-client';

export type {
  GlobalVariable,
  ResolvedVariableView,
  VariableResolutionView,
  VariableSet,
} from '../../functions/domain/variables';
export { HIDDEN_MASK } from '../../functions/domain/variables/resolve';

/** The scope whose declarations a variables form edits. */
export type VariableScope =
  | { kind: 'account' }
  | { kind: 'environment'; environmentId: string }
  | { kind: 'farmRole'; farmId: string; farmRoleId: string };

export const variableScopes = {
  account: (): VariableScope => ({ kind: 'account' }),
  environment: (environmentId: string): VariableScope => ({ kind: 'environment', environmentId }),
  farmRole: (farmId: string, farmRoleId: string): VariableScope => ({ kind: 'farmRole', farmId, farmRoleId }),
};

/** A stable name of a scope, for caching what was read. */
export const scopeKey = (scope: VariableScope) => Object.values(scope).join(':');

export const variablesApi = {
  async get(scope: VariableScope, signal?: AbortSignal): Promise<Tagged<VariableSet>> {
    if (scope.kind === 'account') return tagged(await portalApi.getAccountVariables({ signal }));
    if (scope.kind === 'environment')
      return tagged(await portalApi.getEnvironmentVariables({ params: scope, signal }));
    return tagged(await portalApi.getFarmRoleVariables({ params: scope, signal }));
  },
  /** Replaces the scope's whole list; `etag` is the one read ("0" before the first write). */
  async put(
    scope: VariableScope,
    variables: GlobalVariableInput[],
    etag: string | null,
  ): Promise<Tagged<VariableSet>> {
    const write = { body: { variables }, ifMatch: etag ?? '"0"' };
    if (scope.kind === 'account') return tagged(await portalApi.putAccountVariables(write));
    if (scope.kind === 'environment')
      return tagged(await portalApi.putEnvironmentVariables({ ...write, params: scope }));
    return tagged(await portalApi.putFarmRoleVariables({ ...write, params: scope }));
  },
  async resolved(farmId: string, farmRoleId: string, signal?: AbortSignal): Promise<VariableResolutionView> {
    return (await portalApi.getResolvedFarmRoleVariables({ params: { farmId, farmRoleId }, signal })).body;
  },
};
