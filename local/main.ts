// `npm start`: the whole platform on this machine. PORT (default 3000) and DROVER_DATA_DIR
// (default .drover) override where it listens and keeps its data. Ctrl-C stops it cleanly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_EMAIL, DEMO_PASSWORD, startLocalRuntime } from './runtime';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DROVER_DATA_DIR ?? '.drover');
const portalDir = resolve('frontend/out');

if (!existsSync(resolve(portalDir, 'index.html')) && process.env.DROVER_SKIP_PORTAL_BUILD !== '1') {
  console.error('Building the portal once (npm run build:portal)…');
  const built = spawnSync('npx', ['next', 'build', 'frontend'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0)
    console.error('The portal did not build; the API still runs. See the output above.');
}

// The demo's servers run the real drover-agent as a child process each (their scripts really run
// here, as this user); DROVER_AGENT_MODE=simulated keeps the fast in-process stand-in instead.
const agentMode = process.env.DROVER_AGENT_MODE === 'simulated' ? 'simulated' : 'process';
const runtime = await startLocalRuntime({
  port,
  dataDir,
  portalDir,
  agent: { mode: agentMode },
  demoOrchestration: true,
  demoPrivateFarm: true,
  demoScalingFarm: true,
});
console.log(`
Drover is running.
  Portal     ${runtime.endpoints.portal}
  API        ${runtime.endpoints.api}/v1   (OpenAPI: ${runtime.endpoints.api}/v1/openapi.json)
  Sign in    ${DEMO_EMAIL} / ${DEMO_PASSWORD}
  Data       ${dataDir}   (endpoints.json lists every URL)
  Agents     ${agentMode === 'process' ? 'the real drover-agent process per sandbox server' : 'simulated in-process'} (DROVER_AGENT_MODE=simulated|process)
  Farms      demo-web (EC2 + GCE), demo-private (OpenStack + CloudStack): launch them in the portal or with the CLI
${Object.entries(runtime.endpoints)
  .filter(([k]) => !['api', 'portal', 'jwks'].includes(k))
  .map(([k, v]) => `  ${k.padEnd(10)} ${v}`)
  .join('\n')}
  API token for scripts and the CLI (12 h):
  export DROVER_API=${runtime.endpoints.api} DROVER_TOKEN=${runtime.demo.token}
  Sign up    ${runtime.endpoints.portal}sign-up/  or  npm run -s drover -- signup
  Operator   DROVER_OPERATOR_TOKEN=${runtime.operatorToken}   (accounts: /api/v1/operator/accounts)

Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await runtime.stop();
    process.exit(0);
  });
}
