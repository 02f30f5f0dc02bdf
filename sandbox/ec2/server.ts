// Ec2Sandbox: a local EC2 (plus STS AssumeRole) speaking the real Query API over HTTP, so the
// AWS SDK and the aws CLI work against it unchanged. The region comes from the SigV4
// credential scope (signatures are not verified; any keys do). Faults (throttling, 5xx,
// latency) apply to EC2 calls before the action runs, so a faulted call has no side effect.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  SandboxCloud,
  SandboxFaults,
  SandboxInstance,
  SandboxTimings,
  StateChange,
} from '../core/sandbox-cloud';
import { EC2_ACTIONS } from './actions';
import { assumeRole } from './actions/sts';
import { regionNamed } from './catalog';
import { type ControlTarget, handleControl, type RecordedCall } from './control';
import { Ec2ApiError, errorXml, stsErrorXml } from './errors';
import { QueryParams } from './query';
import { Ec2State } from './state';
import { ec2Response } from './xml';

export interface Ec2SandboxOptions {
  /** Mirror state to this JSON file (read at construction, written shortly after each change). */
  stateFile?: string;
  timings?: Partial<SandboxTimings>;
  faults?: Partial<SandboxFaults>;
  /** Source of randomness for fault shares (tests make it deterministic). */
  random?: () => number;
  /** Region used when a request carries no SigV4 credential scope. */
  defaultRegion?: string;
}

const NO_FAULTS: SandboxFaults = { throttleShare: 0, errorShare: 0, capacity: [], latencyMs: 0 };
const MAX_BODY = 1024 * 1024;
const RECENT_CALLS = 200;

export class Ec2Sandbox implements SandboxCloud, ControlTarget {
  readonly kind = 'ec2' as const;
  private readonly state: Ec2State;
  private readonly random: () => number;
  private readonly defaultRegion: string;
  private currentFaults: SandboxFaults;
  private server: Server | null = null;
  private counts: Record<string, number> = {};
  private recent: RecordedCall[] = [];

  constructor(options: Ec2SandboxOptions = {}) {
    this.state = new Ec2State(options.stateFile);
    this.state.timings = { ...this.state.timings, ...options.timings };
    this.currentFaults = { ...NO_FAULTS, ...options.faults };
    this.random = options.random ?? Math.random;
    this.defaultRegion = options.defaultRegion ?? 'us-east-1';
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('Ec2Sandbox is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(port = 0): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    }
    await this.state.close();
  }

  setFaults(faults: Partial<SandboxFaults>): void {
    this.currentFaults = { ...this.currentFaults, ...faults };
  }

  clearFaults(): void {
    this.currentFaults = { ...NO_FAULTS };
  }

  faults(): SandboxFaults {
    return structuredClone(this.currentFaults);
  }

  setTimings(timings: Partial<SandboxTimings>): void {
    this.state.timings = { ...this.state.timings, ...timings };
  }

  timings(): SandboxTimings {
    return { ...this.state.timings };
  }

  kill(instanceId: string): boolean {
    const instance = this.state.get(instanceId);
    if (!instance || instance.state === 'terminated' || instance.state === 'shutting-down') return false;
    this.state.terminate(instance, 'Server.SpotInstanceTermination: sandbox kill');
    return true;
  }

  instances(): SandboxInstance[] {
    return this.state.all().map((i) => this.state.snapshot(i));
  }

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.state.onStateChange(listener);
  }

  callCounts(): Record<string, number> {
    return { ...this.counts };
  }

  recentCalls(): RecordedCall[] {
    return [...this.recent];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://sandbox');
      if (url.pathname.startsWith('/_sandbox/')) {
        const answer = handleControl(this, req.method ?? 'GET', url.pathname, body);
        res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
        return;
      }
      const params = QueryParams.parse(req.method === 'POST' ? body : url.search.slice(1));
      const answer = await this.answer(
        params,
        req.headers.authorization ?? url.searchParams.get('X-Amz-Credential'),
      );
      res.writeHead(answer.status, {
        'content-type': 'text/xml;charset=UTF-8',
        'x-amzn-requestid': answer.requestId,
      });
      res.end(answer.xml);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err instanceof Error ? err.message : 'internal error');
    }
  }

  private async answer(params: QueryParams, authorization: string | null | undefined) {
    const requestId = randomUUID();
    const action = params.get('Action') ?? '';
    const scope = credentialScope(authorization);
    const isSts = action === 'AssumeRole' || scope?.service === 'sts';
    const regionName = scope?.region ?? this.defaultRegion;
    this.counts[action] = (this.counts[action] ?? 0) + 1;
    const done = (status: number, xml: string, code?: string) => {
      this.record({ at: new Date().toISOString(), action, region: regionName, status, code });
      return { status, xml, requestId };
    };
    const fail = (error: Ec2ApiError) =>
      done(error.status, isSts ? stsErrorXml(error, requestId) : errorXml(error, requestId), error.code);

    try {
      if (!scope)
        throw new Ec2ApiError(
          'AuthFailure',
          'AWS was not able to validate the provided access credentials',
          401,
        );
      if (isSts) {
        if (action !== 'AssumeRole')
          throw new Ec2ApiError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
        return done(200, assumeRole(params, requestId));
      }
      const handler = EC2_ACTIONS[action];
      if (!handler)
        throw new Ec2ApiError('InvalidAction', `The action ${action} is not valid for this web service.`);
      await this.injectFaults();
      const region = regionNamed(regionName);
      if (!region)
        throw new Ec2ApiError('InvalidParameterValue', `The sandbox has no region '${regionName}'`);
      const body = handler({ params, region, state: this.state, faults: this.currentFaults });
      return done(200, ec2Response(action, requestId, body));
    } catch (err) {
      if (err instanceof Ec2ApiError) return fail(err);
      return fail(new Ec2ApiError('InternalError', 'An internal error has occurred', 500));
    }
  }

  private async injectFaults(): Promise<void> {
    const { latencyMs, throttleShare, errorShare } = this.currentFaults;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (throttleShare > 0 && this.random() < throttleShare) {
      throw new Ec2ApiError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    }
    if (errorShare > 0 && this.random() < errorShare) {
      throw this.random() < 0.5
        ? new Ec2ApiError('InternalError', 'An internal error has occurred', 500)
        : new Ec2ApiError('Unavailable', 'The server is overloaded and cannot handle the request.', 503);
    }
  }

  private record(call: RecordedCall): void {
    this.recent.push(call);
    if (this.recent.length > RECENT_CALLS) this.recent.splice(0, this.recent.length - RECENT_CALLS);
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
