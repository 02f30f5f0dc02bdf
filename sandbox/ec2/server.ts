// Ec2Sandbox: a local EC2 (plus STS AssumeRole) speaking the real Query API over HTTP, so the
// AWS SDK and the aws CLI work against it unchanged. The region comes from the SigV4
// credential scope (signatures are not verified; any keys do). Faults (throttling, 5xx,
// latency) apply to EC2 calls before the action runs, so a faulted call has no side effect; the
// core's lost responses apply after it (the action happened, the answer is a 504 or a reset).
// The HTTP server, `/_sandbox/` controls, faults and timings are the core's (sandbox/core).
import { randomUUID } from 'node:crypto';
import type { FaultOutcome } from '../core/faults';
import {
  type ApiAnswer,
  type ApiRequest,
  SandboxServer,
  type SandboxServerOptions,
} from '../core/sandbox-server';
import { EC2_ACTIONS } from './actions';
import { assumeRole } from './actions/sts';
import { regionNamed } from './catalog';
import { Ec2ApiError, errorXml, stsErrorXml } from './errors';
import { QueryParams } from './query';
import { Ec2State } from './state';
import { ec2Response } from './xml';

export interface Ec2SandboxOptions extends SandboxServerOptions {
  /** Mirror state to this JSON file (read at construction, written shortly after each change). */
  stateFile?: string;
  /** Region used when a request carries no SigV4 credential scope. */
  defaultRegion?: string;
}

/** EC2's wording of each fault the core's dice can throw. */
const FAULT_ERRORS: Record<NonNullable<FaultOutcome>, () => Ec2ApiError> = {
  throttled: () => new Ec2ApiError('RequestLimitExceeded', 'Request limit exceeded.', 503),
  'internal-error': () => new Ec2ApiError('InternalError', 'An internal error has occurred', 500),
  unavailable: () =>
    new Ec2ApiError('Unavailable', 'The server is overloaded and cannot handle the request.', 503),
};

export class Ec2Sandbox extends SandboxServer<Ec2State> {
  readonly kind = 'ec2' as const;
  private readonly defaultRegion: string;

  constructor(options: Ec2SandboxOptions = {}) {
    super(new Ec2State(options.stateFile), options);
    this.defaultRegion = options.defaultRegion ?? 'us-east-1';
  }

  protected async answer(request: ApiRequest): Promise<ApiAnswer> {
    const { url, body } = request;
    const params = QueryParams.parse(request.method === 'POST' ? body : url.search.slice(1));
    const authorization = request.headers.authorization ?? url.searchParams.get('X-Amz-Credential');
    const requestId = randomUUID();
    const action = params.get('Action') ?? '';
    const scope = credentialScope(authorization);
    const isSts = action === 'AssumeRole' || scope?.service === 'sts';
    const region = scope?.region ?? this.defaultRegion;
    this.calls.count(action);
    const done = (status: number, xml: string, code?: string): ApiAnswer => {
      this.calls.record({ action, region, status, code });
      return {
        status,
        contentType: 'text/xml;charset=UTF-8',
        body: xml,
        headers: { 'x-amzn-requestid': requestId },
      };
    };
    try {
      if (!scope)
        throw new Ec2ApiError(
          'AuthFailure',
          'AWS was not able to validate the provided access credentials',
          401,
        );
      if (isSts) return done(200, this.sts(action, params, requestId));
      const xml = await this.ec2(action, params, region, requestId);
      const lost = this.lostAnswer(action);
      if (lost) {
        this.calls.record({ action, region, status: lost.status, code: 'LostResponse' });
        return lost;
      }
      return done(200, xml);
    } catch (err) {
      const error =
        err instanceof Ec2ApiError
          ? err
          : new Ec2ApiError('InternalError', 'An internal error has occurred', 500);
      return done(
        error.status,
        isSts ? stsErrorXml(error, requestId) : errorXml(error, requestId),
        error.code,
      );
    }
  }

  protected internalError(err: unknown): ApiAnswer {
    return {
      status: 500,
      contentType: 'text/plain',
      body: err instanceof Error ? err.message : 'internal error',
    };
  }

  protected payloadTooLarge(): ApiAnswer {
    return { status: 413, contentType: 'text/plain', body: 'request body too large' };
  }

  private sts(action: string, params: QueryParams, requestId: string): string {
    if (action !== 'AssumeRole')
      throw new Ec2ApiError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
    return assumeRole(params, requestId);
  }

  private async ec2(
    action: string,
    params: QueryParams,
    regionName: string,
    requestId: string,
  ): Promise<string> {
    const handler = EC2_ACTIONS[action];
    if (!handler)
      throw new Ec2ApiError('InvalidAction', `The action ${action} is not valid for this web service.`);
    const fault = await this.injector.strike();
    if (fault) throw FAULT_ERRORS[fault]();
    const region = regionNamed(regionName);
    if (!region) throw new Ec2ApiError('InvalidParameterValue', `The sandbox has no region '${regionName}'`);
    const body = handler({ params, region, state: this.world, faults: this.injector });
    return ec2Response(action, requestId, body);
  }
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, …` → region and service. */
function credentialScope(
  authorization: string | null | undefined,
): { region: string; service: string } | null {
  const match = /(?:Credential=)?[^/\s,]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/.exec(
    authorization ?? '',
  );
  return match ? { region: match[1]!, service: match[2]! } : null;
}
