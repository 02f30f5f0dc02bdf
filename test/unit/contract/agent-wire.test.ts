// The agent's schema-free copy of its routes (functions/contract/agent-wire.ts) is generated from
// the route table; this fails when the table changed and the copy was not regenerated.
import { describe, expect, it } from 'vitest';
import { AGENT_CONTRACT } from '../../../functions/contract/agent-routes';
import { AGENT_WIRE } from '../../../functions/contract/agent-wire';
import { wireOf } from '../../../functions/contract/wire-routes';

describe('agent-wire.ts', () => {
  it('matches the agent routes of the table (regenerate: npx tsx functions/contract/generate-agent-wire.ts)', () => {
    expect(AGENT_WIRE).toEqual(wireOf(AGENT_CONTRACT));
  });
});
