import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../frontend/lib/api-problem';
import { safeReturnPath, signInUrl } from '../../../frontend/lib/sign-in-redirect';

const problemJson = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('ApiProblem.fromResponse', () => {
  it('keeps the title, detail and field issues of a problem+json answer', async () => {
    const problem = await ApiProblem.fromResponse(
      problemJson(
        {
          type: 'about:blank',
          title: 'Invalid input',
          status: 400,
          detail: 'The farm spec is invalid',
          issues: [
            { in: 'body', path: 'farmRoles.0.maxInstances', message: 'must be at least 0' },
            { in: 'body', path: 'farmRoles.0.maxInstances', message: 'a second message for the same field' },
            { path: 42, message: 'not an issue: the path is no string' },
          ],
        },
        400,
      ),
    );
    expect(problem).toMatchObject({
      title: 'Invalid input',
      status: 400,
      detail: 'The farm spec is invalid',
    });
    expect(problem.issues).toHaveLength(2);
    expect(problem.fieldErrors()).toEqual({ 'farmRoles.0.maxInstances': 'must be at least 0' });
  });

  it.each([
    ['an empty body', '', 'Bad Gateway', undefined],
    [
      'an HTML error page',
      '<html>upstream timed out</html>',
      'Bad Gateway',
      '<html>upstream timed out</html>',
    ],
  ])('falls back to the status line for %s', async (_, body, title, detail) => {
    const problem = await ApiProblem.fromResponse(
      new Response(body, { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(problem).toMatchObject({ title, status: 502, detail, issues: [] });
  });

  it('marks a 401 as unauthorized so pages send the user to sign in', async () => {
    const problem = await ApiProblem.fromResponse(problemJson({ title: 'Unauthorized', status: 401 }, 401));
    expect(problem.unauthorized).toBe(true);
  });

  it('reports an unreachable API with status 0', () => {
    expect(ApiProblem.network(new TypeError('Failed to fetch'))).toMatchObject({
      status: 0,
      detail: 'Failed to fetch',
    });
  });
});

describe('safeReturnPath', () => {
  it.each<[string | null, string, string]>([
    ['/farm/?id=farm-1', '/farm/?id=farm-1', 'a same-origin path is kept'],
    [null, '/', 'no next parameter goes home'],
    ['https://evil.example/', '/', 'an absolute URL would leave the portal'],
    ['//evil.example/', '/', 'a protocol-relative URL would leave the portal'],
    ['/\\evil.example/', '/', 'browsers read a backslash as a slash'],
    ['/sign-in/?next=/', '/', 'returning to sign-in would loop'],
  ])('%s → %s (%s)', (next, expected) => {
    expect(safeReturnPath(next)).toBe(expected);
  });

  it('round-trips the path through the sign-in URL', () => {
    const url = new URL(signInUrl('/farm/?id=farm-1'), 'http://portal.test');
    expect(url.pathname).toBe('/sign-in/');
    expect(safeReturnPath(url.searchParams.get('next'))).toBe('/farm/?id=farm-1');
  });

  it('keeps the return path when a second refused read finds the user already on sign-in', () => {
    const first = signInUrl('/farm/?id=farm-1');
    expect(signInUrl(first)).toBe(first);
  });
});
