// The sign-up context keys: `-c signUp=open|operator` (default operator-only) and
// `-c operatorTokenSha256=<hex>[,<hex>]` reach the function of the account routes (the access
// group) as SIGN_UP and OPERATOR_TOKEN_SHA256, and only that function; bad values stop the synth.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { DroverStack } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
const HASH = 'a'.repeat(64);

function environments(context: Record<string, unknown>) {
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
  return Object.values(template.findResources('AWS::Lambda::Function')).map((fn) => ({
    description: fn.Properties.Description as string,
    variables: (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>,
  }));
}

describe('sign-up context keys', () => {
  it('default to operator-only sign-up and no operator, on the access function only', () => {
    const fns = environments({});
    const withSignUp = fns.filter((f) => 'SIGN_UP' in f.variables);
    expect(withSignUp.map((f) => f.description)).toEqual(['Drover API: access routes']);
    expect(withSignUp[0]!.variables).toMatchObject({ SIGN_UP: 'operator', OPERATOR_TOKEN_SHA256: '' });
  });

  it('pass -c signUp=open and the operator token hashes', () => {
    const access = environments({ signUp: 'open', operatorTokenSha256: `${HASH},${'b'.repeat(64)}` }).find(
      (f) => f.description === 'Drover API: access routes',
    )!;
    expect(access.variables).toMatchObject({
      SIGN_UP: 'open',
      OPERATOR_TOKEN_SHA256: `${HASH},${'b'.repeat(64)}`,
    });
  });

  it.each([
    [{ signUp: 'everyone' }, /signUp=everyone/],
    [{ operatorTokenSha256: 'not-a-hash' }, /not a hex SHA-256/],
  ])('refuses %o', (context, message) => {
    expect(() => environments(context)).toThrow(message);
  });
});
