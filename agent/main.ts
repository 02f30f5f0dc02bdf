// The drover-agent program (bundled to dist/agent/drover-agent.mjs by `npm run build:agent`).
//   drover-agent                       boot and serve (settings from the environment, see config.ts)
//   drover-agent fire <Event> [--payload JSON]   raise a custom event for this server (from a script)
// Exit codes: 0 stopped, 1 error, 2 usage, 3 a BeforeHostUp script failed and aborted the boot.
import { realpathSync } from 'node:fs';
import { DroverAgent } from './agent';
import { AgentApiClient } from './api-client';
import { configFromEnvironment } from './config';

const log = (message: string) =>
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), agent: message })}\n`);

async function fire(args: string[]): Promise<number> {
  const name = args[0];
  const payloadAt = args.indexOf('--payload');
  if (!name || name.startsWith('-')) {
    process.stderr.write('usage: drover-agent fire <EventName> [--payload JSON]\n');
    return 2;
  }
  let payload: Record<string, unknown> = {};
  if (payloadAt !== -1) {
    try {
      payload = JSON.parse(args[payloadAt + 1] ?? '');
    } catch {
      process.stderr.write('drover-agent: --payload must be a JSON object\n');
      return 2;
    }
  }
  const config = configFromEnvironment();
  const answer = await new AgentApiClient(config.apiUrl, config.token).customEvent(name, payload);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  return 0;
}

async function serve(): Promise<number> {
  const config = configFromEnvironment();
  const agent = new DroverAgent(config, {
    agentCommand: { node: process.execPath, script: realpathSync(process.argv[1]!) },
    log,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log('stopping: waiting for running scripts');
    void agent.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const outcome = await agent.run();
  if (outcome.status === 'failed') {
    log(`boot failed: ${outcome.reason}`);
    await agent.stop();
    return 3;
  }
  if (outcome.status === 'up') log(`up; listening on ${config.channelUrl}`);
  // Serving keeps the event loop alive until stop().
  return await new Promise<number>(() => {});
}

const [command, ...rest] = process.argv.slice(2);
const run = command === 'fire' ? fire(rest) : command === undefined || command === 'run' ? serve() : usage();
run.then(
  (code) => process.exit(code),
  (err: Error) => {
    log(err.message);
    process.exit(1);
  },
);

async function usage(): Promise<number> {
  process.stderr.write('usage: drover-agent [run] | drover-agent fire <EventName> [--payload JSON]\n');
  return 2;
}
