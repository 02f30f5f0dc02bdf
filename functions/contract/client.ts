// The Drover API's typed client, generated from the route table (routes.ts): one method per
// operationId. Portal, CLI and agent call the API through it, never through hand-written paths.
//
//   const api = createApiClient({ baseUrl: 'http://localhost:3000/api', token });
//   const { body: farm, etag } = await api.getFarm({ params: { farmId } });
//   await api.updateFarm({ params: { farmId }, body: spec, ifMatch: etag });
//   const page = (await api.listFarms({ params: { environmentId }, query: { limit: 50 } })).body;
//
// Input is checked with the route's schemas before sending (a bad one throws ApiProblem with
// origin 'request', status 400 and the field paths the API would answer); a success is parsed
// with the route's response schema (a mismatch throws origin 'response'); any other answer throws
// ApiProblem with the API's problem+json (origin 'answer'), no answer at all status 0
// ('unreachable'). `api.<operationId>.route` is the route itself (method, path, schemas).
// A program that needs only some routes (the agent) calls createRouteClient with that slice.
import type { ApiClientOf } from './client-types';
import { type ClientOptions, createRouteClient } from './route-client';
import { API_CONTRACT, type ApiContract } from './routes';

export { ApiProblem, type ProblemOrigin } from './api-problem';
export type { CallInput, CallReply, ResponseBody } from './client-types';
export { Problem } from './problem';
export type { ClientOptions } from './route-client';

export type ApiClient = ApiClientOf<ApiContract>;

export function createApiClient(options: ClientOptions): ApiClient {
  return createRouteClient(API_CONTRACT, options);
}
