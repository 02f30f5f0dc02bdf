// What every sandbox cloud shares around its own API: the HTTP server on 127.0.0.1, the
// `/_sandbox/` control surface, fault injection, timings, the call log and state-change events.
// A cloud extends SandboxServer with its world (instances and their lifecycle) and `answer`, which
// speaks the cloud's wire protocol; everything a test or the local runtime does to a sandbox
// (start, stop, faults, timings, kill, watch) then works the same on every cloud.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type RecordedCall } from './call-log';
import { CONTROL_PREFIX, handleControl } from './control';
import { DuplicateDeliveries } from './duplicate-deliveries';
import { FaultInjector } from './faults';
import { type LostResponseKind, LostResponses } from './lost-responses';
import type {
  SandboxCloud,
  SandboxFaults,
  SandboxInstance,
  SandboxTimings,
  StateChange,
} from './sandbox-cloud';
import { SimulatedLoad } from './simulated-load';

/** A cloud's instances and their lifecycle: what the server needs of it, whatever the cloud. */
export interface SandboxWorld {
  /** Read by the world's transitions each time they start, so a change applies to the next one. */
  timings: SandboxTimings;
  onStateChange(listener: (change: StateChange) => void): () => void;
  /** Terminates (deletes) an instance behind the API's back; false if there is no live one. */
  kill(instanceId: string): boolean;
  instances(): SandboxInstance[];
  /** Cancels transitions and flushes what must be kept (the sandbox is stopping). */
  close(): Promise<void> | void;
}

export interface ApiRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ApiAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  /** Destroy the connection instead of answering (a lost response, lost-responses.ts). */
  reset?: true;
}

export interface SandboxServerOptions {
  timings?: Partial<SandboxTimings>;
  faults?: Partial<SandboxFaults>;
  /** Source of randomness for fault shares (tests make it deterministic). */
  random?: () => number;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** A load balancer's page, not the cloud's own error envelope: the backend never got to answer. */
const gatewayTimeoutPage = (): ApiAnswer => ({
  status: 504,
  contentType: 'text/html',
  body: '<html><body><h1>504 Gateway Time-out</h1></body></html>',
});

/** The answer that tells the HTTP server to destroy the socket instead of writing anything. */
const CONNECTION_RESET: ApiAnswer = { status: 0, contentType: '', body: '', reset: true };

export const jsonAnswer = (status: number, body: unknown): ApiAnswer => ({
  status,
  contentType: 'application/json; charset=UTF-8',
  body: JSON.stringify(body),
});

export abstract class SandboxServer<World extends SandboxWorld = SandboxWorld> implements SandboxCloud {
  abstract readonly kind: SandboxCloud['kind'];
  protected readonly injector: FaultInjector;
  protected readonly calls = new CallLog();
  private readonly lost = new LostResponses();
  private readonly duplicates = new DuplicateDeliveries();
  readonly load = new SimulatedLoad();
  private server: Server | null = null;

  constructor(
    protected readonly world: World,
    options: SandboxServerOptions,
  ) {
    world.timings = { ...world.timings, ...options.timings };
    this.injector = new FaultInjector(options.random ?? Math.random, options.faults);
  }

  /** The cloud's answer to one API call (anything outside `/_sandbox/`), in its own wire format. */
  protected abstract answer(request: ApiRequest): Promise<ApiAnswer>;

  /** The cloud's answer to a request it could not even read (an unexpected failure). */
  protected abstract internalError(err: unknown): ApiAnswer;

  /** The cloud's answer to a body over 1 MiB. */
  protected abstract payloadTooLarge(): ApiAnswer;

  /** What a load balancer in front of this cloud answers when the backend is too slow (a cloud may word it its way). */
  protected gatewayTimeout(): ApiAnswer {
    return gatewayTimeoutPage();
  }

  /** Called by a cloud after `action` has acted: the answer to send instead of its own when that answer is lost. */
  protected lostAnswer(action: string): ApiAnswer | undefined {
    const kind = this.lost.take(action);
    if (kind === undefined) return undefined;
    return kind === 'connection-reset' ? CONNECTION_RESET : this.gatewayTimeout();
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error(`${this.constructor.name} is not started`);
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
    await this.world.close();
  }

  setFaults(faults: Partial<SandboxFaults>): void {
    this.injector.merge(faults);
  }

  /** Also disarms lost responses and duplicate deliveries: "no faults" means none of any kind. */
  clearFaults(): void {
    this.injector.clear();
    this.lost.clear();
    this.duplicates.clear();
  }

  loseResponses(action: string, count = 1, kind: LostResponseKind = 'gateway-timeout'): void {
    this.lost.arm(action, count, kind);
  }

  /** The actions whose answer was lost since start, in order. */
  lostResponses(): string[] {
    return [...this.lost.done];
  }

  duplicateStateChanges(count = 1): void {
    this.duplicates.arm(count);
  }

  faults(): SandboxFaults {
    return this.injector.current();
  }

  setTimings(timings: Partial<SandboxTimings>): void {
    this.world.timings = { ...this.world.timings, ...timings };
  }

  timings(): SandboxTimings {
    return { ...this.world.timings };
  }

  kill(instanceId: string): boolean {
    return this.world.kill(instanceId);
  }

  instances(): SandboxInstance[] {
    return this.world.instances();
  }

  onStateChange(listener: (change: StateChange) => void): () => void {
    return this.world.onStateChange(this.duplicates.wrap(listener));
  }

  callCounts(): Record<string, number> {
    return this.calls.countsByAction();
  }

  recentCalls(): RecordedCall[] {
    return this.calls.recent();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: ApiAnswer;
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const method = req.method ?? 'GET';
      if (body === null) answer = this.payloadTooLarge();
      else if (url.pathname.startsWith(CONTROL_PREFIX)) {
        const control = handleControl(this, method, url.pathname, body);
        answer =
          control.body === undefined
            ? { status: control.status, contentType: '', body: '' }
            : jsonAnswer(control.status, control.body);
      } else answer = await this.answer({ method, url, headers: req.headers, body });
    } catch (err) {
      answer = this.internalError(err);
    }
    if (res.headersSent) return;
    if (answer.reset) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, {
      ...(answer.contentType && { 'content-type': answer.contentType }),
      'content-length': String(Buffer.byteLength(answer.body)),
      ...answer.headers,
    });
    res.end(answer.body);
  }
}

/** The whole body as text, or null when it is over the limit (read to the end, so the answer still arrives). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
