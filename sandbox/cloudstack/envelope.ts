// CloudStack's answers on the wire: `{"<command>response": {…}}` with status 200, and failures as
// `{"errorresponse": {uuidList, errorcode, cserrorcode, errortext}}` with the errorcode as HTTP
// status. cserrorcode is CloudStack's exception class code (4350 InvalidParameterValue, 4370
// PermissionDenied, 4250 InsufficientCapacity…), which `cs` and Drover show but do not act on.
import type { ErrorBody } from '../../functions/adapters/clouds/cloudstack/client/wire';
import { responseKey } from '../../functions/adapters/clouds/cloudstack/client/wire';
import { type ApiAnswer, jsonAnswer } from '../core/sandbox-server';

export class CloudStackFault extends Error {
  constructor(
    readonly errorcode: number,
    readonly errortext: string,
    readonly cserrorcode = 9999,
  ) {
    super(errortext);
  }

  get body(): ErrorBody {
    return {
      uuidList: [],
      errorcode: this.errorcode,
      cserrorcode: this.cserrorcode,
      errortext: this.errortext,
    };
  }

  answer(): ApiAnswer {
    return jsonAnswer(this.errorcode, { errorresponse: this.body });
  }
}

export const ok = (command: string, body: unknown): ApiAnswer =>
  jsonAnswer(200, { [responseKey(command)]: body });

export const badParameter = (text: string) => new CloudStackFault(431, text, 4350);
export const noSuchEntity = (name: string, value: string) =>
  badParameter(
    `Unable to execute API command ${name} due to invalid value. Invalid parameter id value=${value} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
  );
export const unauthenticated = () =>
  new CloudStackFault(401, 'unable to verify user credentials and/or request signature', 9999);
export const throttled = () =>
  new CloudStackFault(
    429,
    'The number of API requests has reached the limit set for this account (api.throttling.max). Please try again later.',
    9999,
  );
export const internalError = (
  text = 'Internal error executing command, please contact your system administrator',
) => new CloudStackFault(530, text, 4250);
export const insufficientCapacity = (vm: string) =>
  new CloudStackFault(533, `Unable to create a deployment for VM[User|${vm}]`, 4250);

/** What a load balancer in front of CloudStack answers when the management server is away or too slow. */
export const gatewayPage = (status: 503 | 504): ApiAnswer => ({
  status,
  contentType: 'text/html',
  body: `<html><body><h1>${status} ${status === 503 ? 'Service Unavailable' : 'Gateway Time-out'}</h1></body></html>`,
});
