// The `drover` command: builds the commander program from one module per command group, runs
// it, and turns whatever a command threw into a message on stderr (or problem JSON on stdout
// with `-o json`) and an exit code from the one enum in exit-codes.ts.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerApply } from './commands/apply';
import { registerAudit } from './commands/audit';
import { registerAuth } from './commands/auth';
import { registerDelete } from './commands/delete';
import { registerDescribe } from './commands/describe';
import { registerEnv } from './commands/env';
import { registerFire } from './commands/fire';
import { registerGet } from './commands/get';
import { registerLifecycle } from './commands/lifecycle';
import { registerLogs } from './commands/logs';
import { registerPlan } from './commands/plan';
import { registerRetention } from './commands/retention';
import { registerScaling } from './commands/scaling';
import { registerServers } from './commands/servers';
import { registerSignUp } from './commands/signup';
import { registerTasks } from './commands/tasks';
import { registerTokens } from './commands/tokens';
import { registerVariables } from './commands/variables';
import { registerWebhooks } from './commands/webhooks';
import { asCliError, renderError } from './errors';
import { ExitCode } from './exit-codes';
import { type Io, OUTPUT_FORMATS, processIo } from './output';

function version(): string {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

export function buildProgram(io: Io): Command {
  const program = new Command('drover')
    .description('Drover from the command line: farms, roles, cloud credentials and servers.')
    .version(version(), '-V, --version')
    .option('--api <url>', 'API root URL, e.g. http://localhost:3000/api (env DROVER_API)')
    .option('--token <token>', 'bearer token (env DROVER_TOKEN; `drover login` stores one)')
    .option('--env <name|id>', 'environment to work in (env DROVER_ENV; `drover env use` stores one)')
    .addOption(
      new Option('-o, --output <format>', 'output format of data on stdout')
        .choices(OUTPUT_FORMATS)
        .default('table'),
    )
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  // Subcommands inherit exitOverride and the output settings when they are created.
  registerAuth(program, io);
  registerSignUp(program, io);
  registerEnv(program, io);
  registerGet(program, io);
  registerDescribe(program, io);
  registerPlan(program, io);
  registerApply(program, io);
  registerDelete(program, io);
  registerLifecycle(program, io);
  registerServers(program, io);
  registerWebhooks(program, io);
  registerVariables(program, io);
  registerLogs(program, io);
  registerFire(program, io);
  registerAudit(program, io);
  registerTokens(program, io);
  registerRetention(program, io);
  registerScaling(program, io);
  registerTasks(program, io);
  return program;
}

export async function run(argv: string[], io: Io = processIo()): Promise<ExitCode> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (thrown) {
    // Commander has already printed its own message (or the help) on stderr.
    if (thrown instanceof CommanderError) return thrown.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    const error = asCliError(thrown);
    if (program.opts().output === 'json') io.stdout.write(`${JSON.stringify(error.problem, null, 2)}\n`);
    io.stderr.write(renderError(error));
    if (io.env.DROVER_DEBUG && error.cause instanceof Error) io.stderr.write(`${error.cause.stack}\n`);
    return error.exitCode;
  }
}

process.exitCode = await run(process.argv.slice(2));
