// Nothing undeclared leaves the API: a success body is parsed with its route's response schema
// (zod objects drop keys they do not name). A body that fails its schema is a bug of ours: it is
// logged with the zod issues and answered as a generic 500, never sent half-checked.
import type { RouteDef } from '../../contract/route-def';
import type { OperationResult } from './operation';

export class ResponseContractBroken extends Error {
  constructor(
    readonly route: string,
    readonly issues: unknown,
  ) {
    super(`the response of ${route} does not match its schema: ${JSON.stringify(issues).slice(0, 2000)}`);
    this.name = 'ResponseContractBroken';
  }
}

export function stripResponse(route: RouteDef, result: OperationResult): OperationResult {
  if (!route.response || result.body === undefined || result.status !== route.response.status) return result;
  const parsed = route.response.schema.safeParse(result.body);
  if (!parsed.success) throw new ResponseContractBroken(route.operationId, parsed.error.issues);
  return { ...result, body: parsed.data };
}
