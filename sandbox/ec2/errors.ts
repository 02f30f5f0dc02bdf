// EC2's error answers: a code, a message and an HTTP status, rendered in EC2's own XML
// envelope (`<Response><Errors><Error>…`), which is what the SDK and the aws CLI parse.
import { xmlDocument } from './xml';

export class Ec2ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'Ec2ApiError';
  }
}

export const invalidParameter = (message: string) => new Ec2ApiError('InvalidParameterValue', message);
export const missingParameter = (name: string) =>
  new Ec2ApiError('MissingParameter', `The request must contain the parameter ${name}`);

export function errorXml(error: Ec2ApiError, requestId: string): string {
  return xmlDocument({
    Response: {
      Errors: { Error: { Code: error.code, Message: error.message } },
      RequestID: requestId,
    },
  });
}

/** STS (awsQuery protocol) wraps errors differently from EC2. */
export function stsErrorXml(error: Ec2ApiError, requestId: string): string {
  return xmlDocument({
    ErrorResponse: {
      '@_xmlns': 'https://sts.amazonaws.com/doc/2011-06-15/',
      Error: { Type: error.status >= 500 ? 'Receiver' : 'Sender', Code: error.code, Message: error.message },
      RequestId: requestId,
    },
  });
}
