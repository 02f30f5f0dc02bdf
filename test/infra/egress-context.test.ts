// The egress context key: `-c egressAllow=<cidr>[,<cidr>]` reaches every function as
// DROVER_EGRESS_ALLOW (what egress-from-environment.ts reads; hosted mode stays on: DROVER_HOSTED
// is never set in AWS); absent, no function has it; a malformed network stops the synth.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { egressPolicyFromEnvironment } from '../../functions/composition/egress-from-environment';
import { readConfig } from '../../infra/config';
import { DroverStack } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));

function variablesOfEveryFunction(context: Record<string, unknown>) {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      portalAssetsPath: 'test/infra/fixtures/portal',
      ...context,
    },
  });
  const config = readConfig(app.node);
  const template = Template.fromStack(new DroverStack(app, config.stackName, { config }));
  // Drover's own functions (the factory's DROVER_STAGE), not CDK's helper Lambdas.
  return Object.values(template.findResources('AWS::Lambda::Function'))
    .map((fn) => (fn.Properties.Environment?.Variables ?? {}) as Record<string, string>)
    .filter((variables) => 'DROVER_STAGE' in variables);
}

describe('egress context key', () => {
  it('gives every function the allow-list, and keeps hosted mode on', () => {
    const all = variablesOfEveryFunction({ egressAllow: '10.20.0.0/16, fd00:1::/32' });
    expect(all.length).toBeGreaterThan(3);
    for (const variables of all) {
      expect(variables.DROVER_EGRESS_ALLOW).toBe('10.20.0.0/16,fd00:1::/32');
      expect(variables.DROVER_HOSTED).toBeUndefined();
      const policy = egressPolicyFromEnvironment(variables);
      expect(policy.hosted).toBe(true);
      expect(policy.allow.map((n) => n.cidr)).toEqual(['10.20.0.0/16', 'fd00:1::/32']);
    }
  });

  it('sets nothing without the key', () => {
    for (const variables of variablesOfEveryFunction({}))
      expect(variables.DROVER_EGRESS_ALLOW).toBeUndefined();
  });

  it('stops the synth on a malformed network', () => {
    expect(() => variablesOfEveryFunction({ egressAllow: '10.0.0.0/33' })).toThrow(/egressAllow/);
  });
});
