// cloudProblem on its own: a cloud's refusal or silence is the cloud's fault (502/503) or the
// request's (422), in our words, with Retry-After only when a busy cloud said how long to wait.
import { describe, expect, it } from 'vitest';
import { cloudProblem } from '../../../functions/handlers/api/middleware/cloud-problem';
import { CloudError } from '../../../functions/ports/cloud-driver';

describe('cloudProblem', () => {
  it.each([
    ['Throttled', 503, 'CloudThrottled'],
    ['CapacityError', 503, 'CloudCapacityError'],
    ['Transient', 502, 'CloudTransient'],
    ['AuthError', 422, 'CloudAuthError'],
    ['InvalidSpec', 422, 'CloudInvalidSpec'],
    ['NotFound', 422, 'CloudNotFound'],
  ] as const)('answers %s with %i', (kind, status, code) => {
    const { problem } = cloudProblem(new CloudError(kind, 'raw'), 'req-1');
    expect(problem).toMatchObject({ status, code, instance: 'req-1', type: 'about:blank' });
  });

  it("never passes on the cloud's own message (it can name accounts and ARNs)", () => {
    const { problem } = cloudProblem(
      new CloudError('AuthError', 'arn:aws:iam::123456789012:role/x is not authorized'),
    );
    expect(JSON.stringify(problem)).not.toContain('123456789012');
    expect(problem.detail).toMatch(/refused these credentials/);
    expect(problem).not.toHaveProperty('instance');
  });

  it('says when to retry a busy cloud, in whole seconds, at least one', () => {
    expect(cloudProblem(new CloudError('Throttled', 'x', { retryAfterMs: 2500 })).headers).toEqual({
      'Retry-After': '3',
    });
    expect(cloudProblem(new CloudError('CapacityError', 'x', { retryAfterMs: 10 })).headers).toEqual({
      'Retry-After': '1',
    });
    expect(cloudProblem(new CloudError('Throttled', 'x')).headers).toEqual({});
    // A 422 is the request's fault: waiting does not help.
    expect(cloudProblem(new CloudError('AuthError', 'x', { retryAfterMs: 2000 })).headers).toEqual({});
  });

  it('treats a kind it does not know as a transient failure', () => {
    const { problem } = cloudProblem(new CloudError('Unheard' as never, 'x'));
    expect(problem).toMatchObject({ status: 502, title: 'Cloud unreachable', code: 'CloudUnheard' });
  });
});
