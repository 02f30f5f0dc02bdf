// Serves the bundled drover-agent at GET /api/v1/agent/drover-agent.mjs, where a server's user
// data downloads it when its image does not carry the agent (built on first request if missing).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ensureAgentBundle } from '../agent/bundle';

export const AGENT_DOWNLOAD_PATH = '/api/v1/agent/drover-agent.mjs';

export async function serveAgentDownload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (url.pathname !== AGENT_DOWNLOAD_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const body = await readFile(await ensureAgentBundle());
  res.writeHead(200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
