// A tiny stand-in for the Cognito user pools JSON API (awsJson1_1: POST /, `X-Amz-Target:
// AWSCognitoIdentityProviderService.<Operation>`), holding one pool shaped like
// infra/constructs/identity.ts: email is the username attribute, `custom:account_id` and
// `custom:user_id` are 30 characters, passwords need 12 characters of four kinds. Only the admin
// operations Drover calls (SigV4-signed, naming the pool) and the public sign-in ones (unsigned,
// naming the app client: InitiateAuth USER_PASSWORD_AUTH, RespondToAuthChallenge
// NEW_PASSWORD_REQUIRED; self-service SignUp, ConfirmSignUp and ResendConfirmationCode through
// the sign-up client, whose SECRET_HASH it checks, the emailed codes kept in `sentCodes`); errors
// answer 400 with `__type` as Cognito does. Cognito has no local emulator we use, so this checks
// the calls the real SDK client makes and records them.
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInUser {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED' | 'UNCONFIRMED';
  password: string | undefined;
  /** Whether Cognito would have emailed an invitation. */
  invited: boolean;
}

export interface StandInCall {
  operation: string;
  body: Record<string, unknown>;
}

export interface CognitoStandIn {
  endpoint: string;
  userPoolId: string;
  /** The app client the sign-in operations must name. */
  clientId: string;
  calls: StandInCall[];
  /** By email (the pool's username attribute). */
  users: Map<string, StandInUser>;
  /** The self-service sign-up client (with a secret): SignUp, ConfirmSignUp, ResendConfirmationCode. */
  signUpClientId: string;
  /** The verification codes Cognito would have emailed, oldest first; only the last per email is valid. */
  sentCodes: { email: string; code: string }[];
  /** The next code emailed is this one (a test that must know it before the sign-up runs). */
  queueCode(code: string): void;
  /** The next call of `operation` fails with this Cognito error type. */
  failNext(operation: string, type: string, message?: string): void;
  stop(): Promise<void>;
}

class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const CUSTOM_ID_LENGTH = 30;
/** Cognito's public operations: no IAM, the app client names the pool. */
const PUBLIC_OPERATIONS = new Set([
  'InitiateAuth',
  'RespondToAuthChallenge',
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
]);
/** The public operations of self-service sign-up, which name the sign-up client and its SECRET_HASH. */
const SIGN_UP_OPERATIONS = new Set(['SignUp', 'ConfirmSignUp', 'ResendConfirmationCode']);
const SIGN_UP_CLIENT_ID = 'droversignupclient00000000001';
const SIGN_UP_CLIENT_SECRET = 'stand-in-sign-up-client-secret';
/** The ID token's lifetime the pool's client sets (infra: idTokenValidity 1 hour). */
const ID_TOKEN_SECONDS = 3600;

export interface CognitoStandInOptions {
  /**
   * Makes the ID token of a signed-in user from their attributes (e.g. the local issuer's mint, so
   * the local API accepts it). By default an opaque string the API would not accept.
   */
  idToken?: (attributes: Record<string, string>) => Promise<string>;
}

export async function startCognitoStandIn(
  userPoolId = 'us-east-1_DroverTest',
  clientId = 'droverportalclient0000000001',
  options: CognitoStandInOptions = {},
): Promise<CognitoStandIn> {
  const users = new Map<string, StandInUser>();
  const calls: StandInCall[] = [];
  const failures = new Map<string, { type: string; message: string }>();
  /** Open NEW_PASSWORD_REQUIRED challenges: session → the user's email. */
  const sessions = new Map<string, string>();
  const sentCodes: { email: string; code: string }[] = [];
  const queuedCodes: string[] = [];
  const sendCode = (email: string) =>
    sentCodes.push({ email, code: queuedCodes.shift() ?? String(randomInt(0, 1_000_000)).padStart(6, '0') });
  /** The pool's attribute checks, shared by AdminCreateUser and SignUp. */
  const attributesOf = (body: Record<string, unknown>) => {
    const attributes: Record<string, string> = {};
    for (const a of (body.UserAttributes ?? []) as { Name: string; Value: string }[])
      attributes[a.Name] = a.Value;
    for (const custom of ['custom:account_id', 'custom:user_id']) {
      const value = attributes[custom];
      if (value !== undefined && value.length !== CUSTOM_ID_LENGTH)
        throw new CognitoError(
          'InvalidParameterException',
          `String attribute ${custom} length must be ${CUSTOM_ID_LENGTH}.`,
        );
    }
    return attributes;
  };
  const checkSecretHash = (body: Record<string, unknown>) => {
    const expected = createHmac('sha256', SIGN_UP_CLIENT_SECRET)
      .update(String(body.Username ?? '') + SIGN_UP_CLIENT_ID)
      .digest('base64');
    if (body.SecretHash !== expected)
      throw new CognitoError(
        'NotAuthorizedException',
        `Client ${SIGN_UP_CLIENT_ID} is configured with secret but SECRET_HASH was not received or is wrong`,
      );
  };

  // By default not a real JWT: enough for the adapter, which hands it on without reading it.
  const tokensFor = async (user: StandInUser) => ({
    AuthenticationResult: {
      IdToken: options.idToken
        ? await options.idToken(user.attributes)
        : `id.${user.attributes.sub}.${randomUUID()}`,
      AccessToken: `access.${user.attributes.sub}.${randomUUID()}`,
      RefreshToken: `refresh.${randomUUID()}`,
      ExpiresIn: ID_TOKEN_SECONDS,
      TokenType: 'Bearer',
    },
    ChallengeParameters: {},
  });
  // preventUserExistenceErrors: an unknown user is answered like a wrong password.
  const wrongCredentials = () =>
    new CognitoError('NotAuthorizedException', 'Incorrect username or password.');

  const find = (username: unknown): StandInUser => {
    const name = String(username ?? '').toLowerCase();
    const user = users.get(name) ?? [...users.values()].find((u) => u.username === name);
    if (!user) throw new CognitoError('UserNotFoundException', 'User does not exist.');
    return user;
  };

  const operations: Record<string, (body: Record<string, unknown>) => unknown | Promise<unknown>> = {
    DescribeUserPoolClient(body) {
      if (body.ClientId !== SIGN_UP_CLIENT_ID && body.ClientId !== clientId)
        throw new CognitoError(
          'ResourceNotFoundException',
          `User pool client ${String(body.ClientId)} does not exist.`,
        );
      return {
        UserPoolClient: {
          UserPoolId: userPoolId,
          ClientId: body.ClientId,
          ...(body.ClientId === SIGN_UP_CLIENT_ID ? { ClientSecret: SIGN_UP_CLIENT_SECRET } : {}),
        },
      };
    },
    SignUp(body) {
      checkSecretHash(body);
      const email = String(body.Username ?? '').toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(email))
        throw new CognitoError('InvalidParameterException', 'Username should be an email.');
      const attributes = attributesOf(body);
      if (users.has(email))
        throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
      checkPassword(String(body.Password ?? ''));
      const sub = randomUUID();
      users.set(email, {
        username: sub,
        attributes: { ...attributes, email, sub },
        enabled: true,
        status: 'UNCONFIRMED',
        password: String(body.Password),
        invited: false,
      });
      sendCode(email);
      return {
        UserConfirmed: false,
        UserSub: sub,
        CodeDeliveryDetails: { Destination: email, DeliveryMedium: 'EMAIL', AttributeName: 'email' },
      };
    },
    ConfirmSignUp(body) {
      checkSecretHash(body);
      const email = String(body.Username ?? '').toLowerCase();
      const user = users.get(email);
      // preventUserExistenceErrors: an unknown user is answered like a wrong code.
      if (!user)
        throw new CognitoError(
          'CodeMismatchException',
          'Invalid verification code provided, please try again.',
        );
      if (user.status !== 'UNCONFIRMED')
        throw new CognitoError(
          'NotAuthorizedException',
          `User cannot be confirmed. Current status is ${user.status}`,
        );
      const last = sentCodes.filter((c) => c.email === email).at(-1);
      if (!last || last.code !== body.ConfirmationCode)
        throw new CognitoError(
          'CodeMismatchException',
          'Invalid verification code provided, please try again.',
        );
      user.status = 'CONFIRMED';
      user.attributes.email_verified = 'true';
      return {};
    },
    ResendConfirmationCode(body) {
      checkSecretHash(body);
      const email = String(body.Username ?? '').toLowerCase();
      const user = users.get(email);
      // preventUserExistenceErrors: an unknown user gets a made-up delivery, nothing is sent.
      if (user?.status === 'CONFIRMED')
        throw new CognitoError('InvalidParameterException', 'User is already confirmed.');
      if (user) sendCode(email);
      return { CodeDeliveryDetails: { Destination: email, DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
    },
    AdminCreateUser(body) {
      const email = String(body.Username ?? '').toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(email))
        throw new CognitoError('InvalidParameterException', 'Username should be an email.');
      const attributes = attributesOf(body);
      if (users.has(email))
        throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
      if (body.TemporaryPassword !== undefined) checkPassword(String(body.TemporaryPassword));
      const sub = randomUUID();
      const user: StandInUser = {
        username: sub,
        attributes: { ...attributes, email, sub },
        enabled: true,
        status: 'FORCE_CHANGE_PASSWORD',
        password: body.TemporaryPassword as string | undefined,
        invited:
          body.MessageAction !== 'SUPPRESS' &&
          ((body.DesiredDeliveryMediums ?? ['SMS']) as string[]).includes('EMAIL'),
      };
      users.set(email, user);
      const now = Date.now() / 1000;
      return {
        User: {
          Username: sub,
          Attributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
          UserCreateDate: now,
          UserLastModifiedDate: now,
          Enabled: true,
          UserStatus: user.status,
        },
      };
    },
    AdminSetUserPassword(body) {
      const user = find(body.Username);
      checkPassword(String(body.Password ?? ''));
      user.password = String(body.Password);
      if (body.Permanent) user.status = 'CONFIRMED';
      return {};
    },
    AdminDisableUser(body) {
      find(body.Username).enabled = false;
      return {};
    },
    InitiateAuth(body) {
      if (body.AuthFlow !== 'USER_PASSWORD_AUTH')
        throw new CognitoError(
          'InvalidParameterException',
          `Auth flow ${String(body.AuthFlow)} is not enabled.`,
        );
      const params = (body.AuthParameters ?? {}) as Record<string, string>;
      const user = users.get(String(params.USERNAME ?? '').toLowerCase());
      if (!user || user.password === undefined || user.password !== params.PASSWORD) throw wrongCredentials();
      if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
      if (user.status === 'UNCONFIRMED')
        throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
      if (user.status === 'FORCE_CHANGE_PASSWORD') {
        const session = randomUUID();
        sessions.set(session, user.attributes.email!);
        return {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session,
          ChallengeParameters: {
            USER_ID_FOR_SRP: user.username,
            requiredAttributes: '[]',
            userAttributes: '{}',
          },
        };
      }
      return tokensFor(user);
    },
    RespondToAuthChallenge(body) {
      if (body.ChallengeName !== 'NEW_PASSWORD_REQUIRED')
        throw new CognitoError(
          'InvalidParameterException',
          `Unexpected challenge ${String(body.ChallengeName)}`,
        );
      const email = sessions.get(String(body.Session ?? ''));
      const responses = (body.ChallengeResponses ?? {}) as Record<string, string>;
      if (!email || email !== String(responses.USERNAME ?? '').toLowerCase())
        throw new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
      const user = users.get(email)!;
      checkPassword(String(responses.NEW_PASSWORD ?? ''));
      sessions.delete(String(body.Session));
      user.password = String(responses.NEW_PASSWORD);
      user.status = 'CONFIRMED';
      return tokensFor(user);
    },
    AdminDeleteUser(body) {
      const user = find(body.Username);
      for (const [email, held] of users) if (held === user) users.delete(email);
      return {};
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const reply = (status: number, body: unknown, type?: string) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': randomUUID(),
        ...(type ? { 'x-amzn-errortype': type } : {}),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX))
        throw new CognitoError('UnknownOperationException', `Unexpected ${req.method} ${target}`);
      if (req.headers['content-type'] !== 'application/x-amz-json-1.1')
        throw new CognitoError(
          'SerializationException',
          `Unexpected content-type ${req.headers['content-type']}`,
        );
      const operation = target.slice(TARGET_PREFIX.length);
      const isPublic = PUBLIC_OPERATIONS.has(operation);
      if (!isPublic && !String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
        throw new CognitoError('MissingAuthenticationTokenException', 'Admin operations need SigV4.');
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ operation, body });
      const run = operations[operation];
      if (!run) throw new CognitoError('UnknownOperationException', `The stand-in has no ${operation}`);
      if (isPublic && body.ClientId !== (SIGN_UP_OPERATIONS.has(operation) ? SIGN_UP_CLIENT_ID : clientId))
        throw new CognitoError(
          'ResourceNotFoundException',
          `User pool client ${String(body.ClientId)} does not exist.`,
        );
      if (!isPublic && body.UserPoolId !== userPoolId)
        throw new CognitoError(
          'ResourceNotFoundException',
          `User pool ${String(body.UserPoolId)} does not exist.`,
        );
      const failure = failures.get(operation);
      if (failure) {
        failures.delete(operation);
        throw new CognitoError(failure.type, failure.message);
      }
      reply(200, await run(body));
    } catch (err) {
      if (!(err instanceof CognitoError)) throw err;
      reply(400, { __type: err.type, message: err.message }, err.type);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'InternalErrorException', message: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    userPoolId,
    clientId,
    signUpClientId: SIGN_UP_CLIENT_ID,
    sentCodes,
    calls,
    users,
    queueCode(code) {
      queuedCodes.push(code);
    },
    failNext(operation, type, message = `${type} (stand-in)`) {
      failures.set(operation, { type, message });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The pool's policy (infra/constructs/identity.ts): 12 characters, lower, upper, digit and symbol. */
function checkPassword(password: string) {
  const ok =
    password.length >= 12 &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /[0-9]/.test(password) &&
    /[^a-zA-Z0-9]/.test(password);
  if (!ok)
    throw new CognitoError(
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
