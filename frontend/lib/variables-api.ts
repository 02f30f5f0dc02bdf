// The portal's client of the `variables` API group (functions/handlers/api/variable-routes.ts): the
// declarations of one scope (GET with its ETag, PUT with If-Match) and the resolved view of a farm
// role. Answers are parsed with the shared schemas; hidden values arrive masked.
import {
  type GlobalVariableInput,
  VariableResolutionView,
  VariableSet,
} from '../../functions/domain/variables';
import { request, type Tagged } from './api-client';

export type {
  GlobalVariable,
  ResolvedVariableView,
  VariableResolutionView,
  VariableSet,
} from '../../functions/domain/variables';
export { HIDDEN_MASK } from '../../functions/domain/variables/resolve';

const id = (value: string) => encodeURIComponent(value);

/** Where one scope's declarations live in the API. */
export const variablePaths = {
  account: () => '/variables/account',
  environment: (environmentId: string) => `/environments/${id(environmentId)}/variables`,
  farmRole: (farmId: string, farmRoleId: string) =>
    `/farms/${id(farmId)}/farm-roles/${id(farmRoleId)}/variables`,
};

export const variablesApi = {
  get(path: string, signal?: AbortSignal): Promise<Tagged<VariableSet>> {
    return request(path, { schema: VariableSet, signal });
  },
  /** Replaces the scope's whole list; `etag` is the one read ("0" before the first write). */
  put(path: string, variables: GlobalVariableInput[], etag: string | null): Promise<Tagged<VariableSet>> {
    return request(path, { method: 'PUT', body: { variables }, ifMatch: etag ?? '"0"', schema: VariableSet });
  },
  async resolved(farmId: string, farmRoleId: string, signal?: AbortSignal): Promise<VariableResolutionView> {
    const path = `${variablePaths.farmRole(farmId, farmRoleId)}/resolved`;
    return (await request(path, { schema: VariableResolutionView, signal })).data;
  },
};
