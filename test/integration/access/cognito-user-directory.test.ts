// The Cognito user directory with the real SDK client against a local stand-in of the Cognito
// JSON API (test/support/cognito-idp-stand-in.ts), and the users service over it with a real
// Store on dynalite: a user created through the API gets a sign-in with Drover's ids, a refusal
// of the identity provider leaves no Drover user behind, and removal disables then deletes.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../../../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../../../functions/adapters/dynamodb/dynamo-store';
import { createCognitoUserDirectory } from '../../../functions/adapters/identity/cognito-user-directory';
import { createLogger } from '../../../functions/adapters/observability/logger';
import { Conflict, Unprocessable } from '../../../functions/domain/errors';
import { newId } from '../../../functions/domain/ids';
import { systemClock } from '../../../functions/ports/clock';
import type { Principal } from '../../../functions/ports/identity';
import type { Store } from '../../../functions/ports/store';
import type { UserDirectory } from '../../../functions/ports/user-directory';
import { createUser, removeUser } from '../../../functions/services/access/users';
import { type LocalDynamo, startDynalite } from '../../../local/dynamo-local';
import { type CognitoStandIn, startCognitoStandIn } from '../../support/cognito-idp-stand-in';

let cognito: CognitoStandIn;
let directory: UserDirectory;
let dynamo: LocalDynamo;
let store: Store;

beforeAll(async () => {
  [cognito, dynamo] = await Promise.all([startCognitoStandIn(), startDynalite()]);
  directory = createCognitoUserDirectory({
    userPoolId: cognito.userPoolId,
    client: new CognitoIdentityProviderClient({
      endpoint: cognito.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    }),
  });
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTableIfMissing(raw, 'directory');
  store = createDynamoStore(
    createDocumentClient({ tableName: 'directory', endpoint: dynamo.endpoint }),
    'directory',
  );
});
afterAll(async () => {
  await cognito?.stop();
  await dynamo?.stop();
});
beforeEach(() => {
  cognito.calls.length = 0;
});

const unique = (name: string) => `${name}-${newId('user').slice(-8)}@example.com`;
const someone = (email = unique('someone')) => ({
  accountId: newId('account'),
  userId: newId('user'),
  email,
  name: 'Some One',
});

describe('createCognitoUserDirectory', () => {
  it('creates the user with Drover’s ids as custom attributes and lets Cognito email the invitation', async () => {
    const user = someone();
    await directory.createUser(user);

    expect(cognito.calls.map((c) => c.operation)).toEqual(['AdminCreateUser']);
    expect(cognito.calls[0]!.body).toMatchObject({
      UserPoolId: cognito.userPoolId,
      Username: user.email,
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito.calls[0]!.body).not.toHaveProperty('TemporaryPassword');
    expect(cognito.users.get(user.email)).toMatchObject({
      attributes: {
        email: user.email,
        email_verified: 'true',
        name: 'Some One',
        'custom:account_id': user.accountId,
        'custom:user_id': user.userId,
      },
      status: 'FORCE_CHANGE_PASSWORD',
      invited: true,
      enabled: true,
    });
  });

  it('sets an initial password permanent, without an invitation', async () => {
    const user = { ...someone(), initialPassword: 'Correct-Horse-9' };
    await directory.createUser(user);

    expect(cognito.calls.map((c) => c.operation)).toEqual(['AdminCreateUser', 'AdminSetUserPassword']);
    expect(cognito.calls[0]!.body).toMatchObject({ MessageAction: 'SUPPRESS' });
    expect(cognito.calls[1]!.body).toMatchObject({ Username: user.email, Permanent: true });
    expect(cognito.users.get(user.email)).toMatchObject({
      status: 'CONFIRMED',
      password: 'Correct-Horse-9',
      invited: false,
    });
  });

  it('answers Conflict when the pool already has the email (UsernameExistsException)', async () => {
    const user = someone();
    await directory.createUser(user);
    const again = directory.createUser({ ...user, userId: newId('user') });
    await expect(again).rejects.toBeInstanceOf(Conflict);
    await expect(again).rejects.toThrow(/already has a user with the email/);
  });

  it('refuses a password the pool’s policy refuses, naming the field, and creates nothing', async () => {
    const user = { ...someone(), initialPassword: 'only-lowercase' };
    const refused = directory.createUser(user);
    await expect(refused).rejects.toBeInstanceOf(Unprocessable);
    await expect(refused).rejects.toMatchObject({ issues: [{ path: 'initialPassword' }] });
    expect(cognito.users.has(user.email)).toBe(false);
  });

  it('deletes the user it just created when setting the password fails', async () => {
    const user = { ...someone(), initialPassword: 'Correct-Horse-9' };
    cognito.failNext('AdminSetUserPassword', 'InternalErrorException');
    await expect(directory.createUser(user)).rejects.toThrow(/InternalErrorException/);
    expect(cognito.calls.map((c) => c.operation)).toEqual([
      'AdminCreateUser',
      'AdminSetUserPassword',
      'AdminDeleteUser',
    ]);
    expect(cognito.users.has(user.email)).toBe(false);
  });

  it('disables and deletes by email, a missing user counting as done', async () => {
    const user = someone();
    await directory.createUser(user);
    await directory.disableUser(user);
    expect(cognito.users.get(user.email)?.enabled).toBe(false);
    await directory.deleteUser(user);
    expect(cognito.users.has(user.email)).toBe(false);

    await directory.disableUser(user);
    await directory.deleteUser(user);
    expect(cognito.calls.slice(-2).map((c) => c.operation)).toEqual(['AdminDisableUser', 'AdminDeleteUser']);
  });

  it('lets other errors through (a pool that does not exist)', async () => {
    const elsewhere = createCognitoUserDirectory({
      userPoolId: 'us-east-1_Missing',
      client: new CognitoIdentityProviderClient({
        endpoint: cognito.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      }),
    });
    await expect(elsewhere.createUser(someone())).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('the users service with the Cognito directory', () => {
  const deps = () => ({ store, clock: systemClock, userDirectory: directory, logger: createLogger('test') });
  const ownerOf = (accountId: string): Principal => ({
    accountId,
    userId: newId('user'),
    via: 'user',
    accountRole: 'owner',
  });

  it('creates the Drover user and its sign-in with the same ids', async () => {
    const owner = ownerOf(newId('account'));
    const email = unique('invited');
    const user = await createUser(deps(), owner, { email, name: 'Invited', accountRole: 'user' });

    expect(await store.users.get(owner, user.id)).toMatchObject({ email });
    expect(cognito.users.get(email)?.attributes).toMatchObject({
      'custom:account_id': owner.accountId,
      'custom:user_id': user.id,
    });
  });

  it('leaves no Drover user when Cognito refuses, and the email can be used again', async () => {
    const owner = ownerOf(newId('account'));
    const email = unique('leftover');
    // A sign-in Drover no longer knows (e.g. made by hand in the console).
    await directory.createUser(someone(email));

    await expect(
      createUser(deps(), owner, { email, name: 'Twice', accountRole: 'user' }),
    ).rejects.toBeInstanceOf(Conflict);
    expect(await store.users.findByEmail(email)).toBeUndefined();
    expect((await store.users.list(owner, { limit: 10 })).items).toEqual([]);

    await directory.deleteUser(someone(email));
    const user = await createUser(deps(), owner, { email, name: 'Twice', accountRole: 'user' });
    expect(await store.users.findByEmail(email)).toMatchObject({ id: user.id });
  });

  it('refuses a weak initial password with 422 and keeps no Drover user', async () => {
    const owner = ownerOf(newId('account'));
    const email = unique('weak');
    await expect(
      createUser(deps(), owner, {
        email,
        name: 'Weak',
        accountRole: 'user',
        initialPassword: 'weakweakweak',
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await store.users.findByEmail(email)).toBeUndefined();
  });

  it('disables, then deletes the sign-in, then removes the Drover user', async () => {
    const owner = ownerOf(newId('account'));
    const email = unique('leaver');
    const user = await createUser(deps(), owner, { email, name: 'Leaver', accountRole: 'user' });
    cognito.calls.length = 0;

    await removeUser(deps(), owner, user.id);
    expect(cognito.calls.map((c) => [c.operation, c.body.Username])).toEqual([
      ['AdminDisableUser', email],
      ['AdminDeleteUser', email],
    ]);
    expect(cognito.users.has(email)).toBe(false);
    expect(await store.users.get(owner, user.id)).toBeUndefined();
  });

  it('keeps the Drover user when the sign-in cannot be deleted, and a second removal finishes', async () => {
    const owner = ownerOf(newId('account'));
    const email = unique('stuck');
    const user = await createUser(deps(), owner, { email, name: 'Stuck', accountRole: 'user' });
    cognito.failNext('AdminDeleteUser', 'InternalErrorException');

    await expect(removeUser(deps(), owner, user.id)).rejects.toThrow(/InternalErrorException/);
    expect(cognito.users.get(email)?.enabled).toBe(false);
    expect(await store.users.get(owner, user.id)).toMatchObject({ id: user.id });

    await removeUser(deps(), owner, user.id);
    expect(cognito.users.has(email)).toBe(false);
    expect(await store.users.get(owner, user.id)).toBeUndefined();
  });
});
