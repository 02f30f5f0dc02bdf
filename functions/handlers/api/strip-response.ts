// Nothing undeclared leaves the API: a success body is parsed with its route's response schema
// (zod objects drop keys they do not name). A body that fails its schema, or is missing where the
// route names one, is a bug of ours: it is logged with the zod issues and answered as a generic
// 500, never sent half-checked.
import type { RouteDef } from '../../contract/route-def';
import type { OperationResult } from './operation';
import { ResponseContractBroken } from './response-contract-broken';

export function stripResponse(route: RouteDef, result: OperationResult): OperationResult {
  if (!route.response) return result;
  const parsed = route.response.schema.safeParse(result.body);
  if (!parsed.success) throw new ResponseContractBroken(route.operationId, parsed.error.issues);
  return { ...result, body: parsed.data };
}
