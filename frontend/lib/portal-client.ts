// The portal's instance of the API client generated from the route table
// (functions/contract/client.ts): same-origin `/api`, the session's bearer token, `x-drover-client:
// portal` for the audit log, no HTTP cache. Its problems reach pages as the portal's view of the
// contract's ApiProblem (api-problem.ts: what ProblemNotice and the forms read); a 401 forgets the
// session so every page sends the user to sign in.
import { type ApiProblem as ContractProblem, createApiClient } from '../../functions/contract/client';
import { ApiProblem } from './api-problem';
import { clearSession, readSession } from './session';

/** A versioned resource and its ETag, to send back as If-Match on the next write. */
export interface Tagged<T> {
  data: T;
  etag: string | null;
}

function signedOut(): ApiProblem {
  const problem = { type: 'about:blank', title: 'Signed out', status: 401, code: 'Unauthorized' };
  return new ApiProblem({ ...problem, detail: 'Please sign in.' }, 'request');
}

function portalProblem(problem: ContractProblem): ApiProblem {
  const seen = ApiProblem.of(problem);
  // The token expired or was revoked: forget it so every page sends the user to sign in.
  if (seen.unauthorized && problem.origin === 'answer') clearSession();
  return seen;
}

export const portalApi = createApiClient({
  baseUrl: '/api',
  getToken: () => {
    const session = readSession();
    if (!session) throw signedOut();
    return session.accessToken;
  },
  headers: { 'x-drover-client': 'portal' },
  fetch: (input, init) => fetch(input, { ...init, cache: 'no-store' }),
  onProblem: portalProblem,
});

/** A reply as the portal keeps a versioned resource: its body and its ETag. */
export function tagged<T>(reply: { body: T; etag: string | undefined }): Tagged<T> {
  return { data: reply.body, etag: reply.etag ?? null };
}
