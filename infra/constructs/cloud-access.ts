// How Drover's functions reach customers' AWS accounts: by assuming the IAM role named in a
// cloud credentials item (role ARN + external ID, docs/architecture.md §1). The roles live in other
// accounts and are only known at runtime, so the permission is any role; the customer's trust
// policy (our account + the external ID) is what actually admits us.
import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { nagPseudo } from './nag-findings';

export function grantAssumeCustomerRoles(fn: LambdaFunction): void {
  const partition = Stack.of(fn).partition;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['sts:AssumeRole'],
      resources: [`arn:${partition}:iam::*:role/*`],
    }),
  );
  Validations.of(fn.role!).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:${nagPseudo(fn).partition}:iam::*:role/*]`,
    reason:
      "Customers' roles are in their accounts and known only at runtime; each trust policy requires our account and an external ID.",
  });
}
