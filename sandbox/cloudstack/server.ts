// CloudStackSandbox: CloudStack's signed API (`/client/api`, GET or form POST, JSON answers) on one
// port of 127.0.0.1, for Drover's CloudStack driver and Debian's `cs` client. Every request is
// checked as CloudStack checks it — the API key, the HMAC-SHA1 signature over the sorted,
// encoded, lower-cased parameters, and with signatureVersion=3 an `expires` still ahead — and a
// failure is a 401 errorresponse. Faults apply after that check; the core's `loseResponses` makes
// the next calls of a command happen and answer 504, as a load balancer does when the management
// server is slow, or reset the connection (the test of launch idempotency).
import { parseExpires, verifySignature } from '../../functions/adapters/clouds/cloudstack/client/signing';
import type { FaultOutcome } from '../core/faults';
import {
  type ApiAnswer,
  type ApiRequest,
  SandboxServer,
  type SandboxServerOptions,
} from '../core/sandbox-server';
import { SANDBOX_API_KEY, SANDBOX_SECRET_KEY } from './catalogue';
import { catalogueCommands } from './commands/catalogue-commands';
import type { Command } from './commands/command';
import { jobCommands } from './commands/job-commands';
import { vmCommands } from './commands/vm-commands';
import { CloudStackFault, gatewayPage, internalError, throttled, unauthenticated } from './envelope';
import { CloudStackState } from './state';

export interface CloudStackSandboxOptions extends SandboxServerOptions {
  /** Whether the account may destroy with expunge=true (default true). */
  mayExpunge?: boolean;
  /** How long a destroyed, not expunged VM stays Destroyed (default 5 minutes). */
  expungeDelayMs?: number;
}

export const API_PATH = '/client/api';

const COMMANDS: Record<string, Command> = { ...catalogueCommands, ...vmCommands, ...jobCommands };

const FAULTS: Record<NonNullable<FaultOutcome>, () => CloudStackFault | ApiAnswer> = {
  throttled,
  'internal-error': () => internalError(),
  unavailable: () => gatewayPage(503),
};

export class CloudStackSandbox extends SandboxServer<CloudStackState> {
  readonly kind = 'cloudstack' as const;
  mayExpunge: boolean;

  constructor(options: CloudStackSandboxOptions = {}) {
    super(new CloudStackState(), options);
    this.mayExpunge = options.mayExpunge ?? true;
    if (options.expungeDelayMs !== undefined) this.world.expungeDelayMs = options.expungeDelayMs;
  }

  /** The API URL clients are given (`endpoint` in ~/.cloudstack.ini). */
  get apiUrl(): string {
    return `${this.url}${API_PATH}`;
  }

  protected async answer(request: ApiRequest): Promise<ApiAnswer> {
    if (request.url.pathname.replace(/\/+$/, '') !== API_PATH)
      return { status: 404, contentType: 'text/html', body: '<html><body>404 Not Found</body></html>' };
    const raw = Object.fromEntries([
      ...request.url.searchParams,
      ...(request.method === 'POST' ? new URLSearchParams(request.body) : []),
    ]);
    const params = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
    const name = params.get('command') ?? '';
    const action = (Object.keys(COMMANDS).includes(name.toLowerCase()) ? name : 'unknown') || 'unknown';
    this.calls.count(action);
    try {
      this.authenticate(raw, params);
      const command = COMMANDS[name.toLowerCase()];
      if (!command)
        throw new CloudStackFault(
          432,
          'The given command does not exist or it is not available for user',
          9999,
        );
      const fault = await this.injector.strike();
      if (fault) {
        const failure = FAULTS[fault]();
        if (!(failure instanceof CloudStackFault)) return this.recorded(action, failure);
        throw failure;
      }
      const answer = command({
        params,
        method: request.method,
        state: this.world,
        faults: this.injector,
        mayExpunge: this.mayExpunge,
      });
      const lost = this.lostAnswer(name);
      if (lost) return this.recorded(action, lost);
      return this.recorded(action, answer);
    } catch (err) {
      if (!(err instanceof CloudStackFault)) throw err;
      this.calls.record({ action, region: '', status: err.errorcode, code: String(err.cserrorcode) });
      return err.answer();
    }
  }

  /** The key, the signature (against the one secret) and, for version 3, `expires`. */
  private authenticate(raw: Record<string, string>, params: Map<string, string>): void {
    const signature = params.get('signature');
    if (params.get('apikey') !== SANDBOX_API_KEY || !signature) throw unauthenticated();
    const signed = Object.fromEntries(Object.entries(raw).filter(([k]) => k.toLowerCase() !== 'signature'));
    if (!verifySignature(signed, SANDBOX_SECRET_KEY, signature)) throw unauthenticated();
    if (params.get('signatureversion') === '3') {
      const expires = parseExpires(params.get('expires') ?? '');
      if (Number.isNaN(expires) || expires < Date.now()) throw unauthenticated();
    }
  }

  private recorded(action: string, answer: ApiAnswer): ApiAnswer {
    this.calls.record({ action, region: '', status: answer.status });
    return answer;
  }

  protected override gatewayTimeout(): ApiAnswer {
    return gatewayPage(504);
  }

  protected internalError(err: unknown): ApiAnswer {
    return internalError(`Internal error executing command: ${String(err)}`).answer();
  }

  protected payloadTooLarge(): ApiAnswer {
    return new CloudStackFault(431, 'The request is too large', 4350).answer();
  }
}
