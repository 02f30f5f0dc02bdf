// Typed errors of the domain and services. Each carries its HTTP status; one middleware
// (functions/handlers/api/problem.ts) maps them to application/problem+json. Anything else
// that reaches the edge is answered with a generic 500 and logged.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `farmRoles.0.maxInstances`. */
  path: string;
  message: string;
  /** Where the field is: `body` (default), `query`, `path` or `header`. */
  in?: string;
}

export abstract class DroverError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DroverError {
  readonly status = 400;
  readonly title = 'Invalid input';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class Unauthorized extends DroverError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class Forbidden extends DroverError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

export class NotFound extends DroverError {
  readonly status = 404;
  readonly title = 'Not found';
}

export class Conflict extends DroverError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/** The caller's If-Match names a version that is no longer current (a lost update was refused). */
export class PreconditionFailed extends DroverError {
  readonly status = 412;
  readonly title = 'Precondition failed';
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super(message);
  }
}

/** A write of a versioned spec came without If-Match (or a `version` in the body). */
export class PreconditionRequired extends DroverError {
  readonly status = 428;
  readonly title = 'Precondition required';
}

export class Unprocessable extends DroverError {
  readonly status = 422;
  readonly title = 'Unprocessable';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** The caller (or the identity provider's limit for them) asks too often; retry later. */
export class TooManyRequests extends DroverError {
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    message: string,
    /** Sent as Retry-After when known (our own throttles know; the identity provider's may not). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The request body is larger than the API accepts (see functions/domain/input-bounds.ts). */
export class PayloadTooLarge extends DroverError {
  readonly status = 413;
  readonly title = 'Payload too large';
}
