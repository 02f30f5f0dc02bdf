// Maps every error to application/problem+json (RFC 9457). Typed Drover errors keep their
// status and field issues; a CloudError gets 502/503/422 (cloud-problem.ts); anything else is
// logged and answered with a generic 500, so no
// stack trace or internal message ever leaves the API.

import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { Problem } from '../../../contract/problem';
import { NewPasswordRequired } from '../../../domain/access/sign-in';
import {
  DroverError,
  InvalidInput,
  PreconditionFailed,
  TooManyRequests,
  Unprocessable,
} from '../../../domain/errors';
import { PolicyViolation } from '../../../domain/policies/policy-violation';
import { MissingRequiredVariables } from '../../../domain/variables/missing-required';
import { CloudError } from '../../../ports/cloud-driver';
import type { ApiContext, ApiEvent, ApiResponse } from '../operation';
import { cloudProblem } from './cloud-problem';

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode: problem.status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
    body: JSON.stringify(problem),
  };
}

export function toProblem(error: unknown, requestId?: string): Problem {
  if (error instanceof DroverError) {
    return {
      type: error instanceof NewPasswordRequired ? error.type : 'about:blank',
      title: error.title,
      status: error.status,
      detail: error.message,
      code: error.name,
      ...(requestId ? { instance: requestId } : {}),
      ...(error instanceof InvalidInput || error instanceof Unprocessable ? { issues: error.issues } : {}),
      ...(error instanceof PreconditionFailed && error.currentVersion !== undefined
        ? { currentVersion: error.currentVersion }
        : {}),
      ...(error instanceof MissingRequiredVariables ? { missing: error.missing } : {}),
      ...(error instanceof PolicyViolation ? { violations: error.violations } : {}),
      ...(error instanceof NewPasswordRequired ? { session: error.session } : {}),
    };
  }
  return {
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side. It has been logged; retry later or quote the request id.',
    code: 'InternalError',
    ...(requestId ? { instance: requestId } : {}),
  };
}

export function problemDetails(logger: Logger): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    name: 'problemDetails',
    onError: async (request) => {
      const requestId = request.event.requestContext?.requestId;
      if (request.error instanceof CloudError) {
        const cloud = cloudProblem(request.error, requestId);
        if (cloud.problem.status >= 500) logger.warn('cloud failed', { error: request.error, requestId });
        request.response = problemResponse(cloud.problem, cloud.headers);
        return;
      }
      const problem = toProblem(request.error, requestId);
      if (problem.status >= 500) logger.error('request failed', { error: request.error as Error, requestId });
      // A throttle that knows when it lets go says so (RFC 9110 Retry-After, in seconds).
      const retryAfter =
        request.error instanceof TooManyRequests && request.error.retryAfterSeconds !== undefined
          ? { 'Retry-After': String(Math.max(1, Math.ceil(request.error.retryAfterSeconds))) }
          : undefined;
      request.response = problemResponse(problem, retryAfter);
    },
  };
}
