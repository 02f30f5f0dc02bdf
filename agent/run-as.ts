// Which user a script runs as. As root the agent switches to the task's user (uid/gid from
// `id`, so NSS sources like LDAP count too). Not as root (a developer's machine, the sandbox's
// real-agent mode) it cannot switch: it runs the script as itself when the task asks for its own
// user or for `root` — the rules' default, read here as "the agent's user" — and refuses otherwise.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type RunAsDecision = { uid?: number; gid?: number } | { error: string };

export async function resolveRunAs(runAs: string): Promise<RunAsDecision> {
  const self = userInfo();
  if (self.uid !== 0) {
    if (runAs === self.username || runAs === 'root') return {};
    return { error: `cannot switch user to "${runAs}": drover-agent runs as "${self.username}", not root` };
  }
  if (runAs === 'root') return { uid: 0, gid: 0 };
  try {
    const uid = Number((await run('id', ['-u', runAs])).stdout.trim());
    const gid = Number((await run('id', ['-g', runAs])).stdout.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('not a number');
    return { uid, gid };
  } catch {
    return { error: `no such user "${runAs}" on this server` };
  }
}
