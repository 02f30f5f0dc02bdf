// Open sign-up in the stack's own Cognito pool verifies emails: the pool allows self sign-up and
// emails a code, and a second, confidential app client (the only one allowed to write the custom
// ids) is what the access group's SignUp calls use; the group may read that client's secret and
// nothing new beyond it. Operator-only sign-up keeps the pool admin-only with one client.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config';
import { DroverStack } from '../../infra/drover-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));

function synth(context: Record<string, unknown>) {
  const app = new App({
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      portalAssetsPath: 'test/infra/fixtures/portal',
      ...context,
    },
  });
  const config = readConfig(app.node);
  const stack = new DroverStack(app, config.stackName, { config });
  return { stack, template: Template.fromStack(stack) };
}

type Resource = { Properties: Record<string, any> };
const clients = (template: Template) =>
  Object.entries(template.findResources('AWS::Cognito::UserPoolClient') as Record<string, Resource>);
const accessFunction = (template: Template) =>
  Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).find(
    ([, fn]) => fn.Properties.Description === 'Drover API: access routes',
  )!;
const cognitoActionsOfAccess = (template: Template) => {
  const roleId = accessFunction(template)[1].Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((p) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
    .flatMap((s) => [s.Action].flat())
    .filter((a) => a.startsWith('cognito-idp:'))
    .sort();
};

describe('open sign-up with email verification', () => {
  let open: ReturnType<typeof synth>;
  beforeAll(() => {
    open = synth({ signUp: 'open' });
  });

  it('lets people sign up in the pool, which emails them a code', () => {
    open.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AutoVerifiedAttributes: ['email'],
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    });
  });

  it('has only the confidential sign-up client write the custom ids; the public portal client cannot', () => {
    const found = clients(open.template);
    expect(found).toHaveLength(2);
    const signUp = found.find(([, c]) => c.Properties.ClientName === 'drover-sign-up')![1].Properties;
    const portal = found.find(([, c]) => c.Properties.ClientName === 'drover-portal')![1].Properties;
    expect(signUp.GenerateSecret).toBe(true);
    expect(signUp.WriteAttributes).toEqual(
      expect.arrayContaining(['custom:account_id', 'custom:user_id', 'email', 'name']),
    );
    expect(signUp.AllowedOAuthFlows).toBeUndefined();
    expect(portal.GenerateSecret).toBe(false);
    expect(portal.WriteAttributes).toEqual(['email']);
  });

  it("names the sign-up client to the access group and lets it read that client's secret", () => {
    const [, fn] = accessFunction(open.template);
    const signUpId = clients(open.template).find(([, c]) => c.Properties.ClientName === 'drover-sign-up')![0];
    expect(fn.Properties.Environment.Variables.USER_POOL_SIGN_UP_CLIENT_ID).toEqual({ Ref: signUpId });
    expect(cognitoActionsOfAccess(open.template)).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDeleteUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminSetUserPassword',
      'cognito-idp:DescribeUserPoolClient',
    ]);
  });

  it('finds nothing unacknowledged by cdk-nag', () => {
    const violations = new AwsSolutionsChecks().validateScope(open.stack).violations.map((v) => ({
      rule: v.ruleName,
      at: v.violatingResources.map((r) => r.constructPath),
    }));
    expect(violations).toEqual([]);
  });

  it('keeps operator-only sign-up admin-only, with the portal client alone and no secret to read', () => {
    const { template } = synth({ signUp: 'operator' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    expect(clients(template)).toHaveLength(1);
    expect(
      accessFunction(template)[1].Properties.Environment.Variables.USER_POOL_SIGN_UP_CLIENT_ID,
    ).toBeUndefined();
    expect(cognitoActionsOfAccess(template)).not.toContain('cognito-idp:DescribeUserPoolClient');
  });
});
