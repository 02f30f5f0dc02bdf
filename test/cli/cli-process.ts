// Runs the real `drover` bin as a child process (Node 22: the one running vitest), with its
// own config file and HOME, none of the caller's DROVER_* variables, and no terminal: stdin,
// stdout and stderr are pipes, as in a script or CI.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DROVER_BIN = resolve(import.meta.dirname, '../../cli/bin/drover.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHome {
  dir: string;
  configPath: string;
  /** Runs `drover args…`; `input` is written to stdin, which is then closed. */
  run(args: string[], options?: { env?: Record<string, string>; input?: string }): Promise<CliResult>;
}

export function cliHome(): CliHome {
  const dir = mkdtempSync(join(tmpdir(), 'drover-cli-'));
  const configPath = join(dir, 'config', 'drover', 'config.json');
  return {
    dir,
    configPath,
    run: (args, options = {}) => {
      const env = {} as NodeJS.ProcessEnv;
      for (const [k, v] of Object.entries(process.env))
        if (v !== undefined && !k.startsWith('DROVER_') && k !== 'NO_COLOR' && k !== 'FORCE_COLOR')
          env[k] = v;
      Object.assign(env, { HOME: dir, DROVER_CONFIG: configPath }, options.env);
      return new Promise((done, fail) => {
        const child = spawn(process.execPath, [DROVER_BIN, ...args], { env, stdio: 'pipe' });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        child.on('error', fail);
        child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(options.input ?? '');
      });
    },
  };
}
