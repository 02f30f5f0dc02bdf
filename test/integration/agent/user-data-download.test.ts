// The user data a server boots with, run for real by /bin/sh: it downloads drover-agent over HTTP
// with curl from where the deployment publishes it (here the local runtime's download route,
// local/agent-download.ts, on a loopback port), checks the sha256 the reconciler wrote into it
// with sha256sum, and only then starts the file with node. `node` is a stand-in on the PATH that
// says what it was asked to run, so the test sees the hand-over without starting an agent.
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentBundleSha256, ensureAgentBundle } from '../../../agent/bundle';
import { agentUserData } from '../../../functions/services/reconcile/user-data';
import { AGENT_DOWNLOAD_PATH, serveAgentDownload } from '../../../local/agent-download';

let server: Server;
let origin: string;
let sha256: string;
let work: string;

interface Boot {
  code: number;
  stdout: string;
  stderr: string;
  agentDir: string;
}

/** Runs user data as a boot would (sh), with the stand-in node first on the PATH. */
function boot(userData: string, env: Record<string, string> = {}): Promise<Boot> {
  const agentDir = mkdtempSync(join(work, 'boot-'));
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', userData],
      {
        // A bare environment, as a fresh server's user data gets (Next's types make NODE_ENV required).
        env: {
          PATH: `${join(work, 'bin')}:/usr/bin:/bin`,
          DROVER_AGENT_DIR: agentDir,
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        timeout: 20_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, agentDir }),
    );
  });
}

describe('user data installing drover-agent', () => {
  beforeAll(async () => {
    sha256 = agentBundleSha256(await ensureAgentBundle());
    work = mkdtempSync(join(tmpdir(), 'drover-user-data-'));
    const bin = join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'node'), '#!/bin/sh\necho "node ran $1 with server $DROVER_SERVER_ID"\n');
    chmodSync(join(bin, 'node'), 0o755);
    server = createServer((req, res) => {
      void serveAgentDownload(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')).then((served) => {
        if (!served) res.writeHead(404).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((ok) => server?.close(ok));
    rmSync(work, { recursive: true, force: true });
  });

  it('starts the downloaded agent when its sha256 is the one the reconciler expects', async () => {
    const userData = agentUserData(`${origin}/api`, 'srv-1', 'token', undefined, {
      url: `${origin}${AGENT_DOWNLOAD_PATH}`,
      sha256,
    });
    const result = await boot(userData);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`node ran ${result.agentDir}/drover-agent.mjs with server srv-1\n`);
    expect(agentBundleSha256(join(result.agentDir, 'drover-agent.mjs'))).toBe(sha256);
  });

  it('refuses a download whose sha256 differs, and removes it', async () => {
    const userData = agentUserData(`${origin}/api`, 'srv-2', 'token', undefined, {
      url: `${origin}${AGENT_DOWNLOAD_PATH}`,
      sha256: '0'.repeat(64),
    });
    const result = await boot(userData);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('is not the expected drover-agent (sha256 mismatch): not starting it');
    expect(existsSync(join(result.agentDir, 'drover-agent.mjs'))).toBe(false);
  });

  it('fails the boot, saying why, when the download is missing', async () => {
    const userData = agentUserData(`${origin}/api`, 'srv-3', 'token', undefined, {
      url: `${origin}/agent/nothing-here.mjs`,
      sha256,
    });
    const result = await boot(userData);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('drover-agent is not installed and could not be downloaded');
  });

  it('on a systemd host, as root, installs the agent as a service that restarts and survives reboots', async () => {
    // A root with systemd's run directory, and stand-ins for `id` (root) and `systemctl` (records its calls).
    const root = mkdtempSync(join(work, 'root-'));
    mkdirSync(join(root, 'run/systemd/system'), { recursive: true });
    const stubs = join(root, 'stubs');
    mkdirSync(stubs);
    writeFileSync(join(stubs, 'id'), '#!/bin/sh\necho 0\n');
    writeFileSync(join(stubs, 'systemctl'), `#!/bin/sh\necho "$*" >> ${root}/systemctl.calls\n`);
    for (const f of ['id', 'systemctl']) chmodSync(join(stubs, f), 0o755);
    const userData = agentUserData(`${origin}/api`, 'srv-5', 'token-5', 'ws://channel', {
      url: `${origin}${AGENT_DOWNLOAD_PATH}`,
      sha256,
    });
    const result = await boot(userData, {
      DROVER_SYSTEM_ROOT: root,
      PATH: `${stubs}:${join(work, 'bin')}:/usr/bin:/bin`,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(''); // handed to systemd, not run in the foreground
    const unit = readFileSync(join(root, 'etc/systemd/system/drover-agent.service'), 'utf8');
    expect(unit).toContain(`ExecStart=${join(work, 'bin')}/node ${result.agentDir}/drover-agent.mjs\n`);
    expect(unit).toContain('Restart=always');
    expect(unit).toContain('EnvironmentFile=/etc/drover/agent.env');
    const envFile = join(root, 'etc/drover/agent.env');
    expect(readFileSync(envFile, 'utf8')).toContain('DROVER_SERVER_TOKEN=token-5\n');
    expect(readFileSync(envFile, 'utf8')).toContain('DROVER_CHANNEL_URL=ws://channel\n');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(root, 'systemctl.calls'), 'utf8')).toBe(
      'daemon-reload\nenable --now drover-agent.service\n',
    );
  });

  it('without a configured download, fetches from the API it reports to, unchecked', async () => {
    const userData = agentUserData(`${origin}/api`, 'srv-4', 'token');
    expect(userData).not.toContain('DROVER_AGENT_SHA256');
    const result = await boot(userData);
    expect(result.code).toBe(0);
    expect(readFileSync(join(result.agentDir, 'drover-agent.mjs'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node/,
    );
  });
});
