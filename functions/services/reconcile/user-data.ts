// The user data every server boots with: it starts drover-agent with the API's
// URL and the server's own token. The sandbox clouds' agent simulation reads the same lines.
export function agentUserData(apiUrl: string, serverId: string, token: string): string {
  return [
    '#!/bin/sh',
    '# Drover: install and start drover-agent for this server.',
    `DROVER_API_URL='${apiUrl}'`,
    `DROVER_SERVER_ID='${serverId}'`,
    `DROVER_SERVER_TOKEN='${token}'`,
    'export DROVER_API_URL DROVER_SERVER_ID DROVER_SERVER_TOKEN',
    // The role's image carries drover-agent; without it the server never reports HostUp and the
    // reconciler replaces it after the farm role's init timeout, saying why.
    'if command -v drover-agent >/dev/null 2>&1; then exec drover-agent; fi',
    'echo "drover: drover-agent is not installed on this image" >&2',
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
