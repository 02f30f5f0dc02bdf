// Sign-in in AWS: a Cognito user pool and the portal's app client. Users sign in with their
// email; `custom:account_id` (the tenant) and `custom:user_id` (Drover's user id, the Store's
// key) are immutable attributes set when an admin creates the user, and are in the ID token the
// portal and CLI send (access tokens carry no custom attributes without a pre-token Lambda).
// The API trusts this pool unless `-c authIssuer=` names another issuer.
//
// With open sign-up (`-c signUp=open`) people also sign themselves up through Drover's API, which
// calls Cognito's SignUp so that Cognito emails a code proving they hold the address. That goes
// through a second, confidential app client (`drover-sign-up`, with a secret only the access
// group reads): it alone may write the custom ids, so nobody can call SignUp directly with the
// public portal client and give themselves another tenant's ids.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** What the Cognito user directory calls, and nothing else (no AdminGetUser, no attribute updates). */
export const USER_ADMINISTRATION_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminDeleteUser',
] as const;

/** What self-service sign-up adds (functions/adapters/identity/cognito-email-verification.ts): reading the sign-up client's secret. */
export const SIGN_UP_CLIENT_ACTIONS = ['cognito-idp:DescribeUserPoolClient'] as const;

export interface IdentityProps {
  isProd: boolean;
  stageSuffix: string;
  /** Open sign-up: Cognito's own SignUp (email verification) through the sign-up client. */
  selfSignUp?: boolean;
}

/** The pool: sign-in by email, the immutable tenant and user ids, the password and MFA rules. */
function userPoolProps(props: IdentityProps): cognito.UserPoolProps {
  return {
    userPoolName: `drover-users${props.stageSuffix}`,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    // Admins invite users (the account they join is theirs to decide). With open sign-up, a new
    // account's owner signs up through the API's sign-up client; the pool emails them a code.
    selfSignUpEnabled: props.selfSignUp ?? false,
    autoVerify: { email: true },
    userVerification: {
      emailStyle: cognito.VerificationEmailStyle.CODE,
      emailSubject: 'Your Drover verification code',
      emailBody:
        'Your Drover verification code is {####}. Enter it in the portal, or with drover signup verify.',
    },
    standardAttributes: { email: { required: true, mutable: true } },
    customAttributes: {
      account_id: new cognito.StringAttribute({ minLen: 30, maxLen: 30, mutable: false }),
      user_id: new cognito.StringAttribute({ minLen: 30, maxLen: 30, mutable: false }),
    },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    // Plus (threat protection: compromised credentials, adaptive authentication) in prod; other
    // stages use Essentials, as Plus is billed per monthly active user.
    featurePlan: props.isProd ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
    ...(props.isProd
      ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION }
      : {}),
    deletionProtection: props.isProd,
    removalPolicy: props.isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  };
}

/** The portal's (and CLI's) public client. */
function portalClientOptions(): cognito.UserPoolClientOptions {
  return {
    userPoolClientName: 'drover-portal',
    // A public client (browser, CLI): no secret. userPassword: the portal and CLI sign in through
    // Drover's API (POST /api/v1/auth/token, same origin), which relays the password over TLS to
    // Cognito (InitiateAuth USER_PASSWORD_AUTH); SRP would keep it on the device but needs the
    // browser to talk to Cognito itself. userSrp stays for clients that do.
    generateSecret: false,
    authFlows: { userSrp: true, userPassword: true },
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    idTokenValidity: Duration.hours(1),
    accessTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    readAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes('account_id', 'user_id'),
    // The tenant and user ids are set by an admin only: the client may not write them.
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
  };
}

/** The confidential client the API signs people up through (open sign-up only). */
function signUpClientOptions(): cognito.UserPoolClientOptions {
  return {
    userPoolClientName: 'drover-sign-up',
    // Only the API calls it (SignUp, ConfirmSignUp, ResendConfirmationCode), each with a
    // SECRET_HASH of this secret; it signs nobody in.
    generateSecret: true,
    authFlows: { userSrp: true },
    disableOAuth: true,
    preventUserExistenceErrors: true,
    readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    writeAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, fullname: true })
      .withCustomAttributes('account_id', 'user_id'),
  };
}

export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** Present with open sign-up: the confidential client the API calls SignUp/ConfirmSignUp with. */
  readonly signUpClient?: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Users', userPoolProps(props));
    this.client = this.userPool.addClient('Portal', portalClientOptions());
    if (props.selfSignUp) this.signUpClient = this.userPool.addClient('SignUp', signUpClientOptions());
    this.acknowledgeFindings(props.isProd);
  }

  private acknowledgeFindings(isProd: boolean): void {
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP only) so that a first sign-in and invited users work; accounts can require it of their admins. Automation uses hashed API tokens, not passwords.',
    });
    if (!isProd) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Non-prod stages use the Essentials feature plan (Plus is billed per active user); prod uses Plus with full threat protection.',
      });
    }
  }

  /**
   * Lets a function create, disable and delete the pool's users (the users API's UserDirectory,
   * functions/adapters/identity/cognito-user-directory.ts): only the admin actions it calls, on
   * this pool. Returns the environment it reads.
   */
  grantUserAdministration(grantee: IGrantable): Record<string, string> {
    this.userPool.grant(grantee, ...USER_ADMINISTRATION_ACTIONS);
    // The client id is for sign-in (cognito-sign-in.ts): InitiateAuth is public, so no grant.
    const environment: Record<string, string> = {
      USER_POOL_ID: this.userPool.userPoolId,
      USER_POOL_CLIENT_ID: this.client.userPoolClientId,
    };
    if (this.signUpClient) {
      // SignUp is public too; reading the client's secret for its SECRET_HASH is not.
      this.userPool.grant(grantee, ...SIGN_UP_CLIENT_ACTIONS);
      environment.USER_POOL_SIGN_UP_CLIENT_ID = this.signUpClient.userPoolClientId;
    }
    return environment;
  }

  /** The pool's issuer URL (`iss` of its tokens); its JWKS is at `<issuer>/.well-known/jwks.json`. */
  get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
