// node:http(s) agents that only connect where the egress guard allows: every new connection
// resolves its host name, checks every address (services/egress) and connects the socket to the
// address it checked — never to a second resolution, which is what defeats DNS rebinding. IP
// literals are checked too (Node would skip a `lookup` hook for them). Host header and TLS SNI
// keep the name. Any client that takes an agent uses these: the AWS SDK (NodeHttpHandler),
// google-auth-library (gaxios), and any later private-cloud driver.
import { type AgentOptions, type ClientRequestArgs, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { EGRESS_REFUSED } from '../../ports/cloud-driver';
import { type Egress, resolveEgressTarget } from '../../services/egress/egress-guard';

/** A connection the egress rules refused; `code` lets SDK error mappers recognise it. */
export class EgressRefusedError extends Error {
  readonly code = EGRESS_REFUSED;
  constructor(reason: string) {
    super(`Egress refused: ${reason}`);
    this.name = 'EgressRefusedError';
  }
}

type Callback = (err: Error | null, stream: Duplex) => void;

function connectChecked(
  egress: Egress,
  protocol: 'http:' | 'https:',
  options: ClientRequestArgs,
  callback: Callback | undefined,
  connect: (options: ClientRequestArgs) => Duplex | null | undefined,
): undefined {
  const fail = (err: Error) => callback?.(err, undefined as unknown as Duplex);
  const host = String(options.host ?? options.hostname ?? 'localhost').replace(/^\[|\]$/g, '');
  let url: URL;
  try {
    url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}/`);
  } catch {
    fail(new EgressRefusedError(`${host} is not a host name`));
    return undefined;
  }
  resolveEgressTarget(egress, url).then(
    (target) => {
      if (target.kind === 'refused') return fail(new EgressRefusedError(target.reason));
      if (target.kind === 'unresolved')
        return fail(Object.assign(new Error(target.reason), { code: 'ENOTFOUND' }));
      try {
        const socket = connect({
          ...options,
          host: target.address.address,
          family: target.address.family,
          lookup: undefined,
        });
        if (socket) callback?.(null, socket);
      } catch (err) {
        fail(err as Error);
      }
    },
    (err: Error) => fail(err),
  );
  return undefined;
}

class GuardedHttpAgent extends HttpAgent {
  constructor(
    private readonly egress: Egress,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: Callback) {
    return connectChecked(this.egress, 'http:', options, callback, (checked) =>
      super.createConnection(checked),
    );
  }
}

class GuardedHttpsAgent extends HttpsAgent {
  constructor(
    private readonly egress: Egress,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: Callback) {
    // Node has already set `servername` from the name, so TLS still checks the name's certificate.
    return connectChecked(this.egress, 'https:', options, callback, (checked) =>
      super.createConnection(checked as RequestOptions),
    );
  }
}

export interface GuardedAgents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
  /** The agent for a URL, in the shape node-fetch and gaxios take. */
  agentFor(url: URL | string): HttpAgent;
  destroy(): void;
}

export function createGuardedAgents(egress: Egress, options: AgentOptions = {}): GuardedAgents {
  const httpAgent = new GuardedHttpAgent(egress, { keepAlive: true, ...options });
  const httpsAgent = new GuardedHttpsAgent(egress, { keepAlive: true, ...options });
  return {
    httpAgent,
    httpsAgent,
    agentFor: (url) => (new URL(String(url)).protocol === 'http:' ? httpAgent : httpsAgent),
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
