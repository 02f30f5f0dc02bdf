// The user data every server boots with: it starts drover-agent with the API's URL and the
// server's own token. An image may carry the agent (`drover-agent` on the PATH); otherwise, with
// Node 22 and curl on the image, the one-file agent is downloaded from the API it will talk to
// (`<api>/v1/agent/drover-agent.mjs`). The sandbox clouds' agents read the same lines.
export function agentUserData(apiUrl: string, serverId: string, token: string, channelUrl?: string): string {
  return [
    '#!/bin/sh',
    '# Drover: install and start drover-agent for this server.',
    `DROVER_API_URL='${apiUrl}'`,
    `DROVER_SERVER_ID='${serverId}'`,
    `DROVER_SERVER_TOKEN='${token}'`,
    'export DROVER_API_URL DROVER_SERVER_ID DROVER_SERVER_TOKEN',
    // In AWS the push channel is its own WebSocket API; locally the agent derives it from the API URL.
    ...(channelUrl ? [`DROVER_CHANNEL_URL='${channelUrl}'`, 'export DROVER_CHANNEL_URL'] : []),
    'if command -v drover-agent >/dev/null 2>&1; then exec drover-agent; fi',
    'AGENT=/usr/local/lib/drover/drover-agent.mjs',
    'if command -v node >/dev/null 2>&1 && command -v curl >/dev/null 2>&1; then',
    '  mkdir -p /usr/local/lib/drover',
    '  curl -fsS --retry 5 -o "$AGENT" "$DROVER_API_URL/v1/agent/drover-agent.mjs" && exec node "$AGENT"',
    'fi',
    // Without the agent the server never reports HostUp, and the reconciler replaces it after the
    // farm role's init timeout, saying why.
    'echo "drover: drover-agent is not installed and could not be downloaded (needs node 22 and curl)" >&2',
    'exit 1',
    '',
  ].join('\n');
}

/** Reads the agent settings back from user data (for the sandbox clouds' agent simulation). */
export function parseAgentUserData(
  userData: string,
): { apiUrl: string; serverId: string; token: string } | undefined {
  const value = (name: string) => new RegExp(`^${name}='([^']*)'$`, 'm').exec(userData)?.[1];
  const apiUrl = value('DROVER_API_URL');
  const serverId = value('DROVER_SERVER_ID');
  const token = value('DROVER_SERVER_TOKEN');
  return apiUrl && serverId && token ? { apiUrl, serverId, token } : undefined;
}
