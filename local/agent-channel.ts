// The local runtime's push channel, standing in for the API Gateway WebSocket API: agents connect
// to `GET /api/v1/agent/connect` on the runtime's own HTTP server (an upgrade, Authorization:
// Bearer <server token> checked with the same AgentTokens as the API), and the AgentNotifier
// sends `{"type":"tasks"}` to every socket of the servers that got work. Protocol pings every 30 s
// drop sockets whose agent vanished without closing. `ws` provides the server side (Node has none).
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AgentPush } from '../functions/domain/schemas/agent-protocol';
import type { AgentNotifier } from '../functions/ports/agent-notifier';
import type { AgentIdentity, AgentTokens } from '../functions/ports/identity';

export const AGENT_CONNECT_PATH = '/api/v1/agent/connect';

export interface LocalAgentChannel {
  notifier: AgentNotifier;
  /** How many sockets each server has open (tests, benchmark). */
  connections(agent: Pick<AgentIdentity, 'accountId' | 'serverId'>): number;
  /** Closes a server's sockets as a network drop would (tests of reconnect and catch-up). */
  drop(agent: Pick<AgentIdentity, 'accountId' | 'serverId'>): void;
  /** Counted for the benchmark: what the control plane sent and received. */
  counter: { pushes: number; pings: number; messagesIn: number; bytesOut: number; bytesIn: number };
  stop(): Promise<void>;
}

export function attachAgentChannel(
  server: Server,
  tokens: AgentTokens,
  options: { pingIntervalMs?: number } = {},
): LocalAgentChannel {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Map<string, Set<WebSocket>>();
  const alive = new WeakMap<WebSocket, boolean>();
  const counter = { pushes: 0, pings: 0, messagesIn: 0, bytesOut: 0, bytesIn: 0 };
  const keyOf = (a: Pick<AgentIdentity, 'accountId' | 'serverId'>) => `${a.accountId}/${a.serverId}`;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== AGENT_CONNECT_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const agent = bearerAgent(req, tokens);
    if (!agent) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const key = keyOf(agent);
      let set = sockets.get(key);
      if (!set) {
        set = new Set();
        sockets.set(key, set);
      }
      set.add(ws);
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      // The agent's heartbeat (`{"action":"ping"}`) needs no answer: it only keeps idle timeouts away.
      ws.on('message', (data: Buffer) => {
        counter.messagesIn++;
        counter.bytesIn += data.length;
      });
      ws.on('close', () => {
        set.delete(ws);
        if (set.size === 0 && sockets.get(key) === set) sockets.delete(key);
      });
      ws.on('error', () => ws.terminate());
    });
  };
  server.on('upgrade', onUpgrade);

  const pinger = startPinger(sockets, alive, counter, options.pingIntervalMs ?? 30_000);

  const nudge = JSON.stringify({ type: 'tasks' } satisfies AgentPush);
  return {
    notifier: {
      async notify(servers) {
        for (const agent of servers)
          for (const ws of sockets.get(keyOf(agent)) ?? []) {
            if (ws.readyState !== ws.OPEN) continue;
            counter.pushes++;
            counter.bytesOut += nudge.length;
            ws.send(nudge);
          }
      },
    },
    connections: (agent) => sockets.get(keyOf(agent))?.size ?? 0,
    drop(agent) {
      const set = sockets.get(keyOf(agent));
      sockets.delete(keyOf(agent));
      for (const ws of set ?? []) ws.terminate();
    },
    counter,
    async stop() {
      clearInterval(pinger);
      server.off('upgrade', onUpgrade);
      for (const set of sockets.values()) for (const ws of set) ws.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
    },
  };
}

/** The agent a `Bearer` token in the upgrade request names, if the token verifies. */
function bearerAgent(req: IncomingMessage, tokens: AgentTokens): AgentIdentity | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '')?.[1];
  if (!token) return undefined;
  try {
    return tokens.verify(token);
  } catch {
    return undefined;
  }
}

// A socket that did not answer the previous ping is dead: it is closed (its agent reconnects).
function startPinger(
  sockets: Map<string, Set<WebSocket>>,
  alive: WeakMap<WebSocket, boolean>,
  counter: { pings: number },
  intervalMs: number,
): NodeJS.Timeout {
  const pinger = setInterval(() => {
    for (const set of sockets.values())
      for (const ws of set) {
        if (!alive.get(ws)) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        counter.pings++;
        ws.ping();
      }
  }, intervalMs);
  pinger.unref();
  return pinger;
}
