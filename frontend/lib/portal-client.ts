// The portal's instance of the API client generated from the route table
// (functions/contract/client.ts): same-origin `/api`, the session's bearer token, `x-drover-client:
// portal` for the audit log, no HTTP cache. Its problems become the portal's ApiProblem (what
// ProblemNotice and the forms read); a 401 forgets the session so every page sends the user to
// sign in.
import { type ApiProblem as ContractProblem, createApiClient } from '../../functions/contract/client';
import { Violation } from '../../functions/domain/schemas/policy';
import { ApiProblem } from './api-problem';
import { clearSession, readSession } from './session';

/** A versioned resource and its ETag, to send back as If-Match on the next write. */
export interface Tagged<T> {
  data: T;
  etag: string | null;
}

function signedOut(): ApiProblem {
  return new ApiProblem({ type: 'about:blank', title: 'Signed out', status: 401, detail: 'Please sign in.' });
}

function portalProblem(problem: ContractProblem): ApiProblem {
  if (problem.origin === 'unreachable') return ApiProblem.network(problem.cause ?? problem);
  const p = problem.problem;
  const violations = (p.violations ?? []).flatMap((v) => {
    const parsed = Violation.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
  const converted = new ApiProblem({
    type: p.type,
    title: problem.origin === 'response' ? 'Unexpected response from the API' : p.title,
    status: p.status,
    detail: p.detail,
    issues: p.issues ?? [],
    currentVersion: p.currentVersion,
    violations,
    session: p.session,
  });
  // The token expired or was revoked: forget it so every page sends the user to sign in.
  if (converted.unauthorized && problem.origin === 'answer') clearSession();
  return converted;
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
