// What a failure is called in records a user reads (farm events, server status, farm reasons):
// the cloud's text and a bug's message never appear; Drover's own errors keep their words.
import { describe, expect, it } from 'vitest';
import { Conflict } from '../../../functions/domain/errors';
import { CloudError } from '../../../functions/ports/cloud-driver';
import { cloudFailureFacts, describeFailure } from '../../../functions/services/cloud-failure';

const SECRET = 'AccessKeyId=ASIAEXAMPLE token=s3cr3t';

describe('describeFailure', () => {
  it('names a cloud failure by kind, HTTP status and code, never by its text', () => {
    const err = new CloudError('AuthError', SECRET, { code: 'AuthFailure', httpStatus: 401 });
    expect(describeFailure(err)).toBe('the cloud refused these credentials (HTTP 401, AuthFailure)');
  });

  it('calls any other error an internal error, whatever its message', () => {
    const said = describeFailure(new TypeError(SECRET));
    expect(said).toBe('an internal error (logged for the operator)');
    expect(describeFailure('a thrown string')).toBe(said);
  });

  it("keeps a Drover error's own message", () => {
    expect(describeFailure(new Conflict('Server srv-1 is Pending'))).toBe('Server srv-1 is Pending');
  });
});

describe('cloudFailureFacts', () => {
  it('keeps the kind, an integer status and a code that looks like one', () => {
    const err = new CloudError('CapacityError', SECRET, {
      code: 'InsufficientInstanceCapacity',
      httpStatus: 500,
    });
    expect(cloudFailureFacts(err)).toEqual({
      kind: 'CapacityError',
      code: 'InsufficientInstanceCapacity',
      httpStatus: 500,
    });
  });

  it('drops a code that is prose (an endpoint can put anything there)', () => {
    const err = new CloudError('Transient', 'x', { code: SECRET, httpStatus: 502.5 });
    expect(cloudFailureFacts(err)).toEqual({ kind: 'Transient' });
  });
});
