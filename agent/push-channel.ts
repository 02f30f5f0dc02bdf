// The agent's end of the push channel: one outbound WebSocket (no inbound port on the host),
// authenticated with the server token. The control plane only nudges ("tasks"); on every open
// the agent also fetches its tasks, so what was pushed while it was away is caught up. Reconnects
// with jittered exponential backoff. A keep-alive (`{"action":"ping"}`) is sent only after
// `heartbeatMs` without any message either way: API Gateway closes a connection silent for 10
// minutes and bills each message, so real traffic (a nudge in, a message out) stands in for it.
// Node 22's global WebSocket (undici) takes a non-standard `headers` option, which is what lets
// it send Authorization without the `ws` package.
import { Backoff } from './backoff';

export interface PushChannelOptions {
  url: string;
  token: string;
  heartbeatMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  onNudge: () => void;
  onOpen: () => void;
  log?: (message: string) => void;
}

export class PushChannel {
  /** For the benchmark's figures. */
  readonly counter = { connects: 0, messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
  private socket: WebSocket | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;

  constructor(private readonly options: PushChannelOptions) {
    this.backoff = new Backoff({ baseMs: options.reconnectBaseMs, maxMs: options.reconnectMaxMs });
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.disarmKeepAlive();
    this.socket?.close(1000, 'agent stopping');
    this.socket = undefined;
  }

  private connect(): void {
    if (this.stopped) return;
    const init = { headers: { authorization: `Bearer ${this.options.token}` } };
    let socket: WebSocket;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: undici's WebSocketInit is wider than the DOM type
      socket = new WebSocket(this.options.url, init as any);
    } catch (err) {
      this.options.log?.(`channel: ${(err as Error).message}`);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.counter.connects++;
      this.backoff.reset();
      this.armKeepAlive();
      this.options.onOpen();
    };
    socket.onmessage = (event) => {
      const text = typeof event.data === 'string' ? event.data : '';
      this.counter.messagesIn++;
      this.counter.bytesIn += text.length;
      this.armKeepAlive();
      let message: { type?: string } = {};
      try {
        message = JSON.parse(text);
      } catch {
        return;
      }
      if (message.type === 'tasks') this.options.onNudge();
    };
    socket.onclose = () => {
      this.disarmKeepAlive();
      if (this.socket === socket) this.socket = undefined;
      this.scheduleReconnect();
    };
    // An error is followed by close; the reconnect is scheduled there.
    socket.onerror = () => {};
  }

  private send(message: unknown): void {
    if (!this.connected) return;
    const text = JSON.stringify(message);
    this.counter.messagesOut++;
    this.counter.bytesOut += text.length;
    this.socket!.send(text);
    this.armKeepAlive();
  }

  /** (Re)starts the silence timer: a keep-alive goes out only if nothing else does first. */
  private armKeepAlive(): void {
    this.disarmKeepAlive();
    this.keepAlive = setTimeout(() => this.send({ action: 'ping' }), this.options.heartbeatMs);
  }

  private disarmKeepAlive(): void {
    if (this.keepAlive) clearTimeout(this.keepAlive);
    this.keepAlive = undefined;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.options.log?.(`channel: reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
