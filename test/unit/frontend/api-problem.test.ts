import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../frontend/lib/api-problem';
import { safeReturnPath, signInUrl } from '../../../frontend/lib/sign-in-redirect';
import { ApiProblem as ContractProblem } from '../../../functions/contract/api-problem';

/** The problem the generated client throws for a non-2xx answer, as a page receives it. */
const answered = (status: number, statusText: string, body: unknown) =>
  ApiProblem.of(ContractProblem.ofAnswer(status, statusText, body));

describe('ApiProblem (the portal view of the contract problem)', () => {
  it('is the contract problem, keeping the title, detail and field issues of a problem+json answer', () => {
    const problem = answered(400, 'Bad Request', {
      type: 'about:blank',
      title: 'Invalid input',
      status: 400,
      code: 'InvalidInput',
      detail: 'The farm spec is invalid',
      issues: [
        { in: 'body', path: 'farmRoles.0.maxInstances', message: 'must be at least 0' },
        { in: 'body', path: 'farmRoles.0.maxInstances', message: 'a second message for the same field' },
        { path: 42, message: 'not an issue: the path is no string' },
      ],
    });
    expect(problem).toBeInstanceOf(ContractProblem);
    expect(problem).toMatchObject({
      title: 'Invalid input',
      status: 400,
      detail: 'The farm spec is invalid',
    });
    expect(problem.issues).toHaveLength(2);
    expect(problem.fieldErrors()).toEqual({ 'farmRoles.0.maxInstances': 'must be at least 0' });
  });

  it('reads the policy violations of a refused farm save, leaving out what is no violation', () => {
    const violation = {
      policyId: 'pol-1',
      policyName: 'Regions',
      rule: 'cloud.locations',
      path: 'farmRoles.0.location.region',
      message: 'eu-west-1 is not allowed',
      allowed: ['us-east-1'],
    };
    const problem = answered(422, 'Unprocessable Content', {
      type: 'about:blank',
      title: 'Policy violation',
      status: 422,
      code: 'PolicyViolation',
      detail: 'The farm breaks 1 policy rule',
      violations: [violation, { message: 'no policy, no rule' }],
    });
    expect(problem.violations.map((v) => v.path)).toEqual(['farmRoles.0.location.region']);
  });

  it('falls back to the status line for an answer that is no problem+json', () => {
    expect(answered(502, 'Bad Gateway', '<html>upstream timed out</html>')).toMatchObject({
      title: 'Bad Gateway',
      status: 502,
      detail: '<html>upstream timed out</html>',
      issues: [],
    });
  });

  it.each([
    [401, 'unauthorized', 'pages send the user to sign in'],
    [412, 'stale', 'the form offers to reload the newer version'],
  ] as const)('marks a %i as %s (%s)', (status, flag, _why) => {
    const problem = answered(status, '', { type: 'about:blank', title: 'No', status, code: 'X', detail: '' });
    expect(problem[flag]).toBe(true);
  });

  it('is the same object when the problem is the portal view already', () => {
    const problem = ApiProblem.network(new TypeError('Failed to fetch'));
    expect(ApiProblem.of(problem)).toBe(problem);
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
