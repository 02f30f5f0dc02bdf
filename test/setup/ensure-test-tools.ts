// Runs first in `npm test`: makes sure the machine has every tool of test-tools.ts before any test
// starts. Missing ones are installed with apt-get when allowed (root, Debian); otherwise one
// message lists them with the command that installs them, and the exit code is 1, so a fresh
// machine learns what it lacks at once instead of from a failed e2e file 13 minutes in.
//
// DROVER_TEST_TOOLS chooses the mode:
//   auto (default)  install what is missing when running as root, else report it
//   install         always try apt-get (it fails without root, and is then reported)
//   check           never install, only report (what a test uses to act as a non-root user)
//   skip            do nothing (for runs that need none of the tools)
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { type TestTool, type ToolProbe, testPython, testTools } from './test-tools';

type Mode = 'auto' | 'install' | 'check' | 'skip';
const MODES: readonly Mode[] = ['auto', 'install', 'check', 'skip'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on PATH, as a shell would find it (without asking a shell). */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function isPresent(probe: ToolProbe, env: NodeJS.ProcessEnv): boolean {
  switch (probe.kind) {
    case 'file':
      return isExecutable(probe.path);
    case 'command':
      return onPath(probe.name, env) !== undefined;
    case 'python-module': {
      const python = testPython(env);
      if (!isExecutable(python)) return false;
      return spawnSync(python, ['-c', `import ${probe.module}`], { stdio: 'ignore', env }).status === 0;
    }
  }
}

function describeProbe(probe: ToolProbe, env: NodeJS.ProcessEnv): string {
  switch (probe.kind) {
    case 'file':
      return probe.path;
    case 'command':
      return `\`${probe.name}\` on PATH`;
    case 'python-module':
      return `Python module ${probe.module} for ${testPython(env)}`;
  }
}

/** apt-get update once, then one install of every missing package; its output shown only on failure. */
function aptInstall(packages: string[], env: NodeJS.ProcessEnv): string | undefined {
  const aptGet = onPath('apt-get', env);
  if (!aptGet) return 'apt-get is not on PATH (not a Debian machine?)';
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const run = spawnSync(aptGet, args, { env: aptEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) {
      const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
      return `apt-get ${args[0]} failed (${run.error?.message ?? `exit ${run.status}`})${output ? `:\n${output}` : ''}`;
    }
  }
  return undefined;
}

/** The one message a machine without a tool gets: what is missing, why not installed, the command. */
function missingMessage(
  missing: TestTool[],
  env: NodeJS.ProcessEnv,
  asRoot: boolean,
  reason: string,
): string {
  const width = Math.max(...missing.map((tool) => tool.debianPackage.length));
  const sudo = asRoot ? '' : 'sudo ';
  const packages = missing.map((tool) => tool.debianPackage).join(' ');
  return [
    `npm test needs ${missing.length === 1 ? 'a tool' : 'tools'} this machine lacks; no test was run.`,
    ...missing.map(
      (tool) => `  ${tool.debianPackage.padEnd(width)}  ${describeProbe(tool.probe, env)}: ${tool.neededBy}`,
    ),
    `Not installed: ${reason}`,
    'Install with (Debian), then run npm test again:',
    `  ${sudo}apt-get update && ${sudo}DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages}`,
    '(npm run test:unit needs none of them.)',
  ].join('\n');
}

/** The exit code: 0 when every tool is there (or was just installed), 1 otherwise. */
function ensureTestTools(env: NodeJS.ProcessEnv): number {
  const mode = (env.DROVER_TEST_TOOLS ?? 'auto') as Mode;
  if (!MODES.includes(mode)) {
    console.error(`DROVER_TEST_TOOLS must be one of ${MODES.join(', ')}; got "${mode}"`);
    return 1;
  }
  if (mode === 'skip') return 0;
  const tools = testTools(env);
  const missing = tools.filter((tool) => !isPresent(tool.probe, env));
  if (missing.length === 0) return 0;

  const asRoot = process.getuid?.() === 0;
  if (mode === 'check' || (mode === 'auto' && !asRoot)) {
    const reason = mode === 'check' ? 'DROVER_TEST_TOOLS=check forbids installing' : 'not running as root';
    console.error(missingMessage(missing, env, asRoot, reason));
    return 1;
  }
  const list = missing.map((tool) => `${tool.debianPackage} (${tool.neededBy})`).join(', ');
  console.error(`Installing what the tests need from Debian with apt-get: ${list}…`);
  const failure = aptInstall(
    missing.map((tool) => tool.debianPackage),
    env,
  );
  const still = tools.filter((tool) => !isPresent(tool.probe, env));
  if (failure || still.length > 0) {
    const reason = failure ?? 'apt-get succeeded, yet they are still not found';
    console.error(missingMessage(still.length > 0 ? still : missing, env, asRoot, reason));
    return 1;
  }
  return 0;
}

process.exitCode = ensureTestTools(process.env);
