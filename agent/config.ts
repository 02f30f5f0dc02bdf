// drover-agent's settings, read once from the environment (the server's user data exports the
// first three). The timings are there for tests and the benchmark; servers use the defaults.
export interface AgentConfig {
  /** The API base, e.g. https://api.example.com/api (routes are under /v1/agent/…). */
  apiUrl: string;
  serverId: string;
  token: string;
  /** The push channel (WebSocket); defaults to the API's own /v1/agent/connect. */
  channelUrl: string;
  /** The catch-up poll (a fetch of the task list) while the channel is down; a (re)connect fetches once too. */
  pollIntervalMs: number;
  /** Keep-alive message on the channel (API Gateway drops a WebSocket idle for 10 minutes). */
  heartbeatIntervalMs: number;
  /** How often metrics are sent; 0 (the default): never. */
  metricsIntervalMs: number;
  /** Output is streamed at most this often while a script runs. */
  outputFlushMs: number;
  /** After SIGTERM on timeout, SIGKILL follows after this grace. */
  killGraceMs: number;
  /** On SIGTERM, running scripts get this long to finish before they are killed. */
  stopGraceMs: number;
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** Where scripts get their fresh working directories. */
  workRoot: string;
  /** Where `df`-like disk figures are taken. */
  diskPath: string;
}

type Env = Record<string, string | undefined>;

export function configFromEnvironment(env: Env = process.env): AgentConfig {
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`drover-agent: ${name} is not set`);
    return value;
  };
  const number = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`drover-agent: ${name} must be a number`);
    return parsed;
  };
  const apiUrl = required('DROVER_API_URL').replace(/\/+$/, '');
  return {
    apiUrl,
    serverId: required('DROVER_SERVER_ID'),
    token: required('DROVER_SERVER_TOKEN'),
    channelUrl: env.DROVER_CHANNEL_URL || defaultChannelUrl(apiUrl),
    pollIntervalMs: number('DROVER_AGENT_POLL_MS', 60_000),
    // Silence before a keep-alive: API Gateway drops a WebSocket idle for 10 minutes, and each
    // keep-alive is a billed message; 9 minutes leaves one for timers on a busy host.
    heartbeatIntervalMs: number('DROVER_AGENT_HEARTBEAT_MS', 9 * 60_000),
    // Off unless the user data turns it on: only a farm role whose scaling rules read agent metrics does.
    metricsIntervalMs: number('DROVER_AGENT_METRICS_MS', 0),
    outputFlushMs: number('DROVER_AGENT_OUTPUT_FLUSH_MS', 500),
    killGraceMs: number('DROVER_AGENT_KILL_GRACE_MS', 10_000),
    stopGraceMs: number('DROVER_AGENT_STOP_GRACE_MS', 30_000),
    reconnectBaseMs: number('DROVER_AGENT_RECONNECT_BASE_MS', 1_000),
    reconnectMaxMs: number('DROVER_AGENT_RECONNECT_MAX_MS', 60_000),
    workRoot: env.DROVER_AGENT_WORK_DIR || env.TMPDIR || '/tmp',
    diskPath: env.DROVER_AGENT_DISK_PATH || '/',
  };
}

export function defaultChannelUrl(apiUrl: string): string {
  return `${apiUrl.replace(/^http/, 'ws')}/v1/agent/connect`;
}
