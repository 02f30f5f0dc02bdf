// Metrics are sent only where something reads them: the agent sends none by default, and the
// user data turns them on for a farm role whose scaling rules read agent metrics (launch-spec.ts).
import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from '../../../agent/config';
import { AGENT_METRICS_MS, agentUserData } from '../../../functions/services/reconcile/user-data';

const env = {
  DROVER_API_URL: 'https://api.example.com/api',
  DROVER_SERVER_ID: 'srv-1',
  DROVER_SERVER_TOKEN: 't',
};

describe('agent metrics opt-in', () => {
  it('sends no metrics by default', () => {
    expect(configFromEnvironment(env).metricsIntervalMs).toBe(0);
  });

  it('turns them on through the user data when the farm role uses them', () => {
    const used = agentUserData(env.DROVER_API_URL, 'srv-1', 't', undefined, undefined, true);
    expect(used).toContain(`DROVER_AGENT_METRICS_MS='${AGENT_METRICS_MS}'`);
    expect(used).toContain('export DROVER_AGENT_METRICS_MS');
    expect(
      configFromEnvironment({ ...env, DROVER_AGENT_METRICS_MS: String(AGENT_METRICS_MS) }).metricsIntervalMs,
    ).toBe(60_000);
    const unused = agentUserData(env.DROVER_API_URL, 'srv-1', 't');
    expect(unused).not.toContain('DROVER_AGENT_METRICS_MS');
  });
});
