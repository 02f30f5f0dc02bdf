// `npm test` checks the machine's test tools before any test runs (test/setup/ensure-test-tools.ts).
// Each case builds a throw-away tool set: stand-in executables in a temp dir, PATH limited to it,
// CHROMIUM_PATH and DROVER_TEST_PYTHON pointing into it, and a stand-in apt-get where installing
// is the point. The real script (and once, the real `npm test` chain) runs as a child process.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(REPO_ROOT, 'test/setup/ensure-test-tools.ts');
const COMMANDS = ['aws', 'openstack', 'cloudstack'];
const PYTHON_MODULES = ['openstack', 'boto3'];

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

interface ToolBox {
  bin: string;
  env: NodeJS.ProcessEnv;
  /** Every tool present, except the ones named (executables by name, Python modules as py:name). */
  provide(except?: string[]): void;
  /** A stand-in apt-get: logs each call; `install` creates the stand-ins it is asked for, or fails. */
  standInAptGet(behaviour: 'installs' | 'fails'): string;
}

const boxes: string[] = [];
afterEach(() => {
  for (const dir of boxes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function executable(file: string, body: string): void {
  writeFileSync(file, body);
  chmodSync(file, 0o755);
}

function toolBox(): ToolBox {
  const dir = mkdtempSync(path.join(tmpdir(), 'drover-test-tools-'));
  boxes.push(dir);
  const bin = path.join(dir, 'bin');
  const modules = path.join(dir, 'python-modules');
  mkdirSync(bin);
  mkdirSync(modules);
  // The stand-in python3 "has" a module when a file of its name exists: `python3 -c "import X"`.
  executable(path.join(bin, 'python3'), `#!/bin/sh\n[ -e "${modules}/\${2#import }" ]\n`);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    HOME: dir,
    PATH: bin,
    CHROMIUM_PATH: path.join(bin, 'chromium'),
    DROVER_TEST_PYTHON: path.join(bin, 'python3'),
  };
  return {
    bin,
    env,
    provide(except = []) {
      for (const name of ['chromium', ...COMMANDS].filter((n) => !except.includes(n))) {
        executable(path.join(bin, name), '#!/bin/sh\nexit 0\n');
      }
      for (const name of PYTHON_MODULES.filter((n) => !except.includes(`py:${n}`))) {
        writeFileSync(path.join(modules, name), '');
      }
    },
    standInAptGet(behaviour) {
      const log = path.join(dir, 'apt-get.log');
      // A Node script (the Node running this test) so it can create executables without coreutils.
      const installs =
        behaviour === 'installs'
          ? `if (process.argv[2] === 'install') {
  for (const name of ${JSON.stringify(['chromium', ...COMMANDS])}) fs.writeFileSync(${JSON.stringify(bin)} + '/' + name, '#!/bin/sh\\n', { mode: 0o755 });
  for (const name of ${JSON.stringify(PYTHON_MODULES)}) fs.writeFileSync(${JSON.stringify(modules)} + '/' + name, '');
}`
          : `if (process.argv[2] === 'install') {
  console.error('E: Could not get lock /var/lib/dpkg/lock-frontend');
  process.exit(100);
}`;
      executable(
        path.join(bin, 'apt-get'),
        `#!${process.execPath}
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args: process.argv.slice(2), frontend: process.env.DEBIAN_FRONTEND }) + '\\n');
${installs}
`,
      );
      return log;
    },
  };
}

async function outcome(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: REPO_ROOT, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The setup script alone, under the Node running this test (tsx as its loader). */
const ensureTools = (env: NodeJS.ProcessEnv) => outcome(process.execPath, ['--import', 'tsx', SCRIPT], env);

/** The directory of this test's own `name` on PATH, wherever npm was installed. */
function dirOnPath(name: string): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  const dir = dirs.find((d) => d && existsSync(path.join(d, name)));
  if (!dir) throw new Error(`no ${name} on PATH`);
  return dir;
}

/**
 * The README's `npm test`, given a file filter no test matches: if the check lets it through,
 * vitest starts and says it found no test files; if not, vitest never starts.
 */
function npmTest(env: NodeJS.ProcessEnv): Promise<Outcome> {
  // npm, a Node 22 to run it and a shell must be reachable; the stand-ins stay first on PATH.
  const PATH = [env.PATH, path.dirname(process.execPath), dirOnPath('npm'), '/usr/bin', '/bin'].join(
    path.delimiter,
  );
  const npmEnv = { ...env, PATH, npm_config_update_notifier: 'false' };
  return outcome('npm', ['test', '--', 'test/no-such-dir/nothing-matches'], npmEnv);
}

describe('npm test checks its tools before any test runs', () => {
  it('stops with one message naming the missing Chromium and the command to install it', async () => {
    const box = toolBox();
    box.provide(['chromium']);
    const result = await npmTest({ ...box.env, DROVER_TEST_TOOLS: 'check' });

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`npm test needs a tool this machine lacks; no test was run.`);
    expect(result.stderr).toContain(`chromium  ${box.env.CHROMIUM_PATH}: the portal e2e tests`);
    expect(result.stderr).toContain(
      'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\n',
    );
    expect(result.stderr.match(/needs a tool/g)).toHaveLength(1);
    // vitest never started: it would have reported that no test file matched the filter.
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/No test files found|RUN\s+v\d/);
  }, 90_000);

  it('lets vitest start, silently, when every tool is there', async () => {
    const box = toolBox();
    box.provide();
    const result = await npmTest({ ...box.env, DROVER_TEST_TOOLS: 'check' });

    expect(`${result.stdout}${result.stderr}`).toMatch(/No test files found/);
    expect(result.stderr).not.toMatch(/lacks|Installing/);
  }, 90_000);

  it('lists every missing tool, Python modules included, in one install command', async () => {
    const box = toolBox();
    box.provide(['aws', 'py:boto3']);
    const result = await ensureTools({ ...box.env, DROVER_TEST_TOOLS: 'check' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm test needs tools this machine lacks');
    expect(result.stderr).toContain('`aws` on PATH');
    expect(result.stderr).toContain(`Python module boto3 for ${box.env.DROVER_TEST_PYTHON}`);
    expect(result.stderr).toContain('Not installed: DROVER_TEST_TOOLS=check forbids installing');
    expect(result.stderr).toMatch(/apt-get install -y awscli python3-boto3\n/);
    expect(result.stderr).not.toMatch(/chromium|openstack/);
  });

  it('installs what is missing with apt-get (update once, then one quiet install) when allowed', async () => {
    const box = toolBox();
    box.provide(['chromium', 'openstack', 'py:openstack']);
    const log = box.standInAptGet('installs');
    const result = await ensureTools({ ...box.env, DROVER_TEST_TOOLS: 'install' });

    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^Installing what the tests need from Debian with apt-get: chromium \(the portal e2e tests \(test\/e2e\)\), python3-openstackclient \(.+\), python3-openstacksdk \(.+\)…\n$/,
    );
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(calls).toEqual([
      { args: ['update', '-qq'], frontend: 'noninteractive' },
      {
        args: ['install', '-y', '-qq', 'chromium', 'python3-openstackclient', 'python3-openstacksdk'],
        frontend: 'noninteractive',
      },
    ]);
  });

  it('reports apt-get failing, with its error, and exits non-zero', async () => {
    const box = toolBox();
    box.provide(['cloudstack']);
    box.standInAptGet('fails');
    const result = await ensureTools({ ...box.env, DROVER_TEST_TOOLS: 'install' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Not installed: apt-get install failed (exit 100):');
    expect(result.stderr).toContain('E: Could not get lock /var/lib/dpkg/lock-frontend');
    expect(result.stderr).toMatch(/apt-get install -y cs\n/);
  });
});
