// The user data every server boots with: it starts drover-agent with the API's URL and the
// server's own token. An image may carry the agent (`drover-agent` on the PATH); otherwise, with
// Node 22, curl and sha256sum on the image, the one-file agent is downloaded from where the
// deployment publishes it (AWS: the portal's CloudFront origin, `/agent/drover-agent.mjs`; the
// local runtime: `<api>/v1/agent/drover-agent.mjs`) and started only if its sha256 is the one
// the reconciler expects, so a stale cache or a tampered file never runs with the server's token.
// On a systemd host the agent is installed as a service (see startAgentFunction). The sandbox
// clouds' agents read the same lines.

/** Where the agent bundle is published and the sha256 (hex) of the bundle this deployment built. */
export interface AgentDownload {
  url: string;
  sha256: string;
}

/** How often an agent whose metrics are used sends them. */
export const AGENT_METRICS_MS = 60_000;

/** Without a configured download the agent comes from the API it talks to, unchecked (older deployments). */
const defaultDownloadUrl = (apiUrl: string) => `${apiUrl}/v1/agent/drover-agent.mjs`;

export function agentUserData(
  apiUrl: string,
  serverId: string,
  token: string,
  channelUrl?: string,
  download?: AgentDownload,
  /** Whether the agent sends its metrics (a farm role whose scaling rules read them); otherwise it sends none. */
  metrics = false,
): string {
  const fetchAndRun = download
    ? '  curl -fsS --retry 5 -o "$AGENT" "$DROVER_AGENT_URL" && check_agent && start_agent "$(command -v node)" "$AGENT"'
    : '  curl -fsS --retry 5 -o "$AGENT" "$DROVER_AGENT_URL" && start_agent "$(command -v node)" "$AGENT"';
  return [
    '#!/bin/sh',
    '# Drover: install and start drover-agent for this server.',
    `DROVER_API_URL='${apiUrl}'`,
    `DROVER_SERVER_ID='${serverId}'`,
    `DROVER_SERVER_TOKEN='${token}'`,
    'export DROVER_API_URL DROVER_SERVER_ID DROVER_SERVER_TOKEN',
    // In AWS the push channel is its own WebSocket API; locally the agent derives it from the API URL.
    ...(channelUrl ? [`DROVER_CHANNEL_URL='${channelUrl}'`, 'export DROVER_CHANNEL_URL'] : []),
    ...(metrics ? [`DROVER_AGENT_METRICS_MS='${AGENT_METRICS_MS}'`, 'export DROVER_AGENT_METRICS_MS'] : []),
    `DROVER_AGENT_URL='${download?.url ?? defaultDownloadUrl(apiUrl)}'`,
    ...(download
      ? [
          `DROVER_AGENT_SHA256='${download.sha256}'`,
          'check_agent() {',
          '  if echo "$DROVER_AGENT_SHA256  $AGENT" | sha256sum -c - >/dev/null 2>&1; then return 0; fi',
          '  echo "drover: $DROVER_AGENT_URL is not the expected drover-agent (sha256 mismatch): not starting it" >&2',
          '  rm -f "$AGENT"',
          '  exit 1',
          '}',
        ]
      : []),
    ...startAgentFunction(),
    'if command -v drover-agent >/dev/null 2>&1; then start_agent "$(command -v drover-agent)"; fi',
    // DROVER_AGENT_DIR: an image (or a test) may choose where the download goes.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell default, not a template
    'AGENT_DIR="${DROVER_AGENT_DIR:-/usr/local/lib/drover}"',
    'AGENT="$AGENT_DIR/drover-agent.mjs"',
    'if command -v node >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then',
    '  mkdir -p "$AGENT_DIR"',
    fetchAndRun,
    'fi',
    // Without the agent the server never reports HostUp, and the reconciler replaces it after the
    // farm role's init timeout, saying why.
    'echo "drover: drover-agent is not installed and could not be downloaded (needs node 22 and curl)" >&2',
    'exit 1',
    '',
  ].join('\n');
}

/**
 * `start_agent CMD…`: user data runs once per instance, so on a systemd host (as root, as user data
 * runs) the agent becomes a service — restarted when it dies and started again after a reboot, where it
 * reports RebootComplete. Its settings, the server token among them, go to a root-only environment
 * file. Elsewhere (no systemd, not root: a container, the tests) the agent runs in the foreground.
 */
function startAgentFunction(): string[] {
  return [
    // DROVER_SYSTEM_ROOT: where / is, for a test (like DESTDIR); empty on a server.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell default, not a template
    'ROOT="${DROVER_SYSTEM_ROOT:-}"',
    'start_agent() {',
    '  if [ "$(id -u)" = 0 ] && [ -d "$ROOT/run/systemd/system" ] && command -v systemctl >/dev/null 2>&1; then',
    '    mkdir -p "$ROOT/etc/drover" "$ROOT/etc/systemd/system"',
    '    (umask 077 && env | grep "^DROVER_" > "$ROOT/etc/drover/agent.env")',
    '    cat > "$ROOT/etc/systemd/system/drover-agent.service" <<UNIT',
    '[Unit]',
    'Description=Drover agent',
    'Wants=network-online.target',
    'After=network-online.target',
    '[Service]',
    'EnvironmentFile=/etc/drover/agent.env',
    'ExecStart=$*',
    'Restart=always',
    'RestartSec=5',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    '    systemctl daemon-reload && systemctl enable --now drover-agent.service && exit 0',
    '    echo "drover: could not install the drover-agent service; running it in the foreground" >&2',
    '  fi',
    '  exec "$@"',
    '}',
  ];
}

/** Reads the agent settings back from user data (for the sandbox clouds' agent simulation). */
export function parseAgentUserData(
  userData: string,
): { apiUrl: string; serverId: string; token: string; agentSha256?: string; metricsMs?: number } | undefined {
  const value = (name: string) => new RegExp(`^${name}='([^']*)'$`, 'm').exec(userData)?.[1];
  const apiUrl = value('DROVER_API_URL');
  const serverId = value('DROVER_SERVER_ID');
  const token = value('DROVER_SERVER_TOKEN');
  const agentSha256 = value('DROVER_AGENT_SHA256');
  const metricsMs = Number(value('DROVER_AGENT_METRICS_MS') ?? 0);
  return apiUrl && serverId && token
    ? {
        apiUrl,
        serverId,
        token,
        ...(agentSha256 ? { agentSha256 } : {}),
        ...(metricsMs > 0 ? { metricsMs } : {}),
      }
    : undefined;
}
