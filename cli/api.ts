// The CLI's way to the Drover API: the contract's typed client (functions/contract/client.ts)
// with the CLI's token, headers and timeout, every failed call turned into the CLI's errors
// (ApiError with the problem+json and its exit code, ApiUnreachable when nothing answered), and
// listAll, which follows a listing's cursor to its last page.
import { type ApiClient, type ApiProblem, createApiClient } from '../functions/contract/client';
import { ApiError, ApiUnreachable, notLoggedIn } from './errors';

export type { ApiClient };

const REQUEST_TIMEOUT_MS = 30_000;
/** The API's largest page, so a listing takes as few round trips as it can. */
const PAGE_SIZE = 200;

/**
 * A client for the API at `baseUrl`; a call that needs a token and has none throws "Not logged in".
 * `headers` go with every call, public routes too (an operator's bearer on an operator-only sign-up).
 */
export function cliApiClient(
  baseUrl: string,
  token?: string,
  headers: Record<string, string> = {},
): ApiClient {
  return createApiClient({
    baseUrl,
    getToken: () => {
      if (!token) throw notLoggedIn();
      return token;
    },
    // X-Drover-Client tells the audit log a write came from the CLI.
    headers: { 'user-agent': 'drover-cli', 'x-drover-client': 'cli', ...headers },
    timeoutMs: REQUEST_TIMEOUT_MS,
    onProblem: cliErrorOf,
  });
}

function cliErrorOf(problem: ApiProblem): Error {
  if (problem.origin === 'unreachable') return new ApiUnreachable(problem.message, problem.cause);
  return new ApiError(problem.status, problem.problem);
}

interface PageInput {
  query?: object;
}

/** Every item of a paginated listing, following `nextCursor` to the last page. */
export async function listAll<I extends PageInput, T>(
  call: (input: I) => Promise<{ body: { items: T[]; nextCursor?: string | undefined } }>,
  input: I,
  pageSize = PAGE_SIZE,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const query = { ...input.query, limit: pageSize, ...(cursor ? { cursor } : {}) };
    const page = (await call({ ...input, query })).body;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
