// cdk-nag names a wildcard finding after the resolved policy text, e.g.
// `Resource::<DataTable1234ABCD.Arn>/index/*`; acknowledgements must repeat that id exactly,
// so it is built here from the resource rather than copied from a synth log.
import { type CfnElement, Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The IAM5 finding id for `<resource ARN><suffix>` in a policy. */
export function wildcardArnFinding(resource: IConstruct, suffix: string): string {
  const cfn = resource.node.defaultChild as CfnElement;
  const stack = Stack.of(cfn);
  const logicalId = stack.resolve(stack.getLogicalId(cfn)) as string;
  return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>${suffix}]`;
}

/**
 * Pseudo parameters as cdk-nag prints them: literal when the stack's environment is known
 * (`aws`, `eu-west-1`), `<AWS::Partition>`-style when the stack is environment-agnostic.
 */
export function nagPseudo(scope: IConstruct): { partition: string; region: string; account: string } {
  const stack = Stack.of(scope);
  const show = (value: string, name: string) => (Token.isUnresolved(value) ? `<AWS::${name}>` : value);
  return {
    partition: show(stack.partition, 'Partition'),
    region: show(stack.region, 'Region'),
    account: show(stack.account, 'AccountId'),
  };
}
