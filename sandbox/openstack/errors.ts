// OpenStack's error bodies as each service really sends them:
//  - Nova and Cinder: `{"<faultName>": {"code": 404, "message": "Instance x could not be found."}}`
//  - Neutron: `{"NeutronError": {"type": "NetworkNotFound", "message": "…", "detail": ""}}`
//  - Keystone (and keystonemiddleware's 401 in front of every service):
//    `{"error": {"code": 401, "title": "Unauthorized", "message": "…"}}`
// A rate limit (a proxy in front of the API, as real deployments have) is 429 with Retry-After.
import { type ApiAnswer, jsonAnswer } from '../core/sandbox-server';

export class OpenStackFault extends Error {
  constructor(
    readonly status: number,
    /** Nova's fault name, Neutron's type or Keystone's title. */
    readonly code: string,
    message: string,
    readonly style: 'nova' | 'neutron' | 'keystone' = 'nova',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'OpenStackFault';
  }

  answer(): ApiAnswer {
    const body =
      this.style === 'neutron'
        ? { NeutronError: { type: this.code, message: this.message, detail: '' } }
        : this.style === 'keystone'
          ? { error: { code: this.status, title: this.code, message: this.message } }
          : { [this.code]: { code: this.status, message: this.message } };
    return { ...jsonAnswer(this.status, body), headers: this.headers };
  }
}

export const itemNotFound = (message: string) => new OpenStackFault(404, 'itemNotFound', message);
export const badRequest = (message: string) => new OpenStackFault(400, 'badRequest', message);
export const conflictingRequest = (message: string) => new OpenStackFault(409, 'conflictingRequest', message);
export const quotaExceeded = (message: string) => new OpenStackFault(403, 'forbidden', message);
export const unauthorized = () =>
  new OpenStackFault(401, 'Unauthorized', 'The request you have made requires authentication.', 'keystone');
export const rateLimited = () =>
  new OpenStackFault(429, 'overLimit', 'This request was rate-limited.', 'nova', { 'retry-after': '1' });
export const computeFault = () =>
  new OpenStackFault(
    500,
    'computeFault',
    'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.',
  );
export const serviceUnavailable = () =>
  new OpenStackFault(
    503,
    'serviceUnavailable',
    'The server is currently unavailable. Please try again at a later time.',
  );
export const neutronNotFound = (type: string, message: string) =>
  new OpenStackFault(404, type, message, 'neutron');

/** The fault the scheduler records on a server it could not place (the server goes to ERROR). */
export const NO_VALID_HOST = {
  code: 500,
  message: 'No valid host was found. There are not enough hosts available.',
};

/** A load balancer's answer when Nova took too long: the request may well have been carried out. */
export const gatewayTimeout = (): ApiAnswer => ({
  status: 504,
  contentType: 'text/html',
  body: "<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n",
});
