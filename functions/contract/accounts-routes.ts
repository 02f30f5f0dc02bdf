// Sign-up and the platform operator's account routes, part of the `access` group (routes.ts
// spreads them into API_ROUTES): that group's function already holds the user pool's wiring,
// which sign-up needs to create the first owner's sign-in and account deletion to remove them.
//   POST /accounts                       public when sign-up is open; else an operator's (403 for others)
//   POST /accounts/verify, /resend-code  public: the emailed code of a self-service sign-up in AWS
//   /operator/accounts…                  operator token only (auth: 'operator'); every account's users get 401
import type { z } from 'zod';
import { AccountParams, OperatorAccount, SuspendAccountInput } from '../domain/accounts/operator';
import { ResendCodeInput, ResendCodeResult, SignUpInput, VerifyEmailInput } from '../domain/accounts/sign-up';
import { PageQuery, pageOf } from '../domain/schemas/common';
import { type RouteDef, routeOf } from './route-def';
import { SignUpResult, VerifyEmailResult } from './sign-up-answers';
import { RESEND_CODE_PATH, VERIFY_EMAIL_PATH } from './sign-up-paths';

const operatorRoute = routeOf('access', 'operator', 'none');

export const ACCOUNTS_ROUTES = [
  {
    operationId: 'signUp',
    method: 'POST',
    path: '/api/v1/accounts',
    group: 'access',
    summary:
      'Sign up: a new account, its owner (this email and password) and its first environment `default` (409 email taken; 429 too many sign-ups from this address; 403 when sign-up is operator-only and no operator token is sent)',
    auth: false,
    access: 'none',
    body: SignUpInput,
    response: { status: 201, schema: SignUpResult },
  },
  {
    operationId: 'verifySignUpEmail',
    method: 'POST',
    path: VERIFY_EMAIL_PATH,
    group: 'access',
    summary:
      'Finish a self-service sign-up in AWS with the code emailed to the owner (400 at `code` when it is wrong or expired, or no sign-up waits for this email; 409 already verified, or this deployment does not verify emails)',
    auth: false,
    access: 'none',
    body: VerifyEmailInput,
    response: { status: 200, schema: VerifyEmailResult },
  },
  {
    operationId: 'resendSignUpCode',
    method: 'POST',
    path: RESEND_CODE_PATH,
    group: 'access',
    summary:
      'Email a new sign-up code (always 202, whether or not a sign-up waits for this email; 429 when asked too often)',
    auth: false,
    access: 'none',
    body: ResendCodeInput,
    response: { status: 202, schema: ResendCodeResult },
  },
  operatorRoute({
    operationId: 'listOperatorAccounts',
    method: 'GET',
    path: '/api/v1/operator/accounts',
    summary: 'Platform operator: every account, with its status and owners',
    query: PageQuery,
    response: { status: 200, schema: pageOf(OperatorAccount) },
  }),
  operatorRoute({
    operationId: 'suspendAccount',
    method: 'POST',
    path: '/api/v1/operator/accounts/{accountId}/suspend',
    summary:
      'Platform operator: suspend an account (its users and API tokens get 403 with the reason; its farms keep running and reconciling)',
    params: AccountParams,
    body: SuspendAccountInput,
    response: { status: 200, schema: OperatorAccount },
  }),
  operatorRoute({
    operationId: 'resumeAccount',
    method: 'POST',
    path: '/api/v1/operator/accounts/{accountId}/resume',
    summary: 'Platform operator: lift a suspension',
    params: AccountParams,
    response: { status: 200, schema: OperatorAccount },
  }),
  operatorRoute({
    operationId: 'deleteAccount',
    method: 'DELETE',
    path: '/api/v1/operator/accounts/{accountId}',
    summary:
      'Platform operator: delete an account whose farms are all Terminated (409 otherwise), its users’ sign-ins and every item it holds',
    params: AccountParams,
  }),
] as const satisfies readonly RouteDef[];

export const OperatorAccountPage = pageOf(OperatorAccount);
export type OperatorAccountPage = z.infer<typeof OperatorAccountPage>;
