// The operations of ACCOUNTS_ROUTES (sign-up and the platform operator's account routes), served
// by the `access` group's function (access.ts spreads them into its operations).
import { Forbidden } from '../../domain/errors';
import type { OperatorIdentity } from '../../ports/operator-tokens';
import { resendCode, verifyEmail } from '../../services/accounts/email-verification';
import * as operator from '../../services/accounts/operator-accounts';
import { signUp } from '../../services/accounts/sign-up';
import type { ApiDeps } from './deps';
import type { Operation, ParsedRequest } from './operation';

const asOperator = (request: ParsedRequest): OperatorIdentity => ({ operatorId: request.principal!.userId });

export function accountOperations(deps: ApiDeps): Record<string, Operation> {
  return {
    signUp: async (request) => {
      const byOperator = request.principal?.via === 'operator';
      if ((deps.signUpMode ?? 'open') === 'operator' && !byOperator)
        throw new Forbidden(
          'Sign-up is operator-only on this deployment: ask the platform operator to create your account',
        );
      const source = {
        ...request.source,
        ...(byOperator ? { operatorId: request.principal!.userId } : {}),
      };
      return await signUp(deps, request.body, source);
    },
    verifySignUpEmail: async ({ body }) => verifyEmail(deps, body),
    resendSignUpCode: async ({ body }) => resendCode(deps, body),
    listOperatorAccounts: async ({ query }) => operator.listAccounts(deps, query),
    suspendAccount: async (request) =>
      operator.suspendAccount(
        deps,
        asOperator(request),
        request.params.accountId,
        request.body.reason,
        request.source,
      ),
    resumeAccount: async (request) =>
      operator.resumeAccount(deps, asOperator(request), request.params.accountId, request.source),
    deleteAccount: async (request) => {
      await operator.deleteAccount(deps, asOperator(request), request.params.accountId);
    },
  };
}
