// The whole platform in one process (ARCHITECTURE §8): dynalite, the API handlers behind an
// API Gateway adapter, the local token issuer, the portal, and demo data. `npm start` runs it
// through main.ts; tests start it in-process with `inMemory: true` and port 0.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createCloudDriver } from '../functions/adapters/clouds/driver-factory';
import { createDocumentClient } from '../functions/adapters/dynamodb/client';
import { createTableIfMissing } from '../functions/adapters/dynamodb/create-table';
import { createDynamoStore } from '../functions/adapters/dynamodb/dynamo-store';
import { DEFAULT_TABLE_NAME } from '../functions/adapters/dynamodb/table';
import { createJwtAuthenticator } from '../functions/adapters/identity/jwt-authenticator';
import { createLocalKeySecretBox, loadOrCreateKey } from '../functions/adapters/secrets/local-key-secret-box';
import { createHandler as account } from '../functions/handlers/api/account';
import { createHandler as credentials } from '../functions/handlers/api/credentials';
import { type ApiDeps, createLogger } from '../functions/handlers/api/deps';
import { createHandler as environments } from '../functions/handlers/api/environments';
import { createHandler as farms } from '../functions/handlers/api/farms';
import type { GroupHandler } from '../functions/handlers/api/group-handler';
import { createHandler as meta } from '../functions/handlers/api/meta';
import { createHandler as roles } from '../functions/handlers/api/roles';
import { API_GROUPS, type ApiGroup } from '../functions/handlers/api/routes';
import { systemClock } from '../functions/ports/clock';
import { createApiListener } from './api-server';
import { startDynalite } from './dynamo-local';
import { createLocalIssuer } from './identity/local-issuer';
import { type DemoData, seedDemo } from './seed';

export interface LocalRuntimeOptions {
  /** 0 for any free port. */
  port?: number;
  /** Where data is kept between starts (ignored when inMemory). */
  dataDir?: string;
  /** A fresh in-memory database and keys, for tests. */
  inMemory?: boolean;
  /** Seed the demo account (default true). */
  seed?: boolean;
  portalDir?: string;
}

export interface LocalRuntime {
  url: string;
  apiUrl: string;
  endpoints: Record<string, string>;
  demo: DemoData & { token: string };
  deps: ApiDeps;
  dynamoEndpoint: string;
  tableName: string;
  /** Mints a token for any user of any account (tests use it to act as another tenant). */
  mintToken(userId: string, accountId: string): Promise<string>;
  stop(): Promise<void>;
}

export const DEMO_EMAIL = 'demo@drover.local';
export const DEMO_PASSWORD = process.env.DROVER_DEMO_PASSWORD || 'drover-demo';

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const dataDir = resolve(options.dataDir ?? '.drover');
  const persistent = !options.inMemory;
  if (persistent) mkdirSync(dataDir, { recursive: true });

  const dynamo = await startDynalite(persistent ? { path: join(dataDir, 'dynamodb') } : {});
  const tableName = DEFAULT_TABLE_NAME;
  await createTableIfMissing(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    tableName,
  );

  // Listen first so the issuer knows its own URL when the port is chosen by the system.
  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 3000, '127.0.0.1', () => ok());
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const issuer = await createLocalIssuer({
    issuer: `${url}/local-issuer`,
    keyFile: persistent ? join(dataDir, 'issuer-key.json') : undefined,
  });

  const deps: ApiDeps = {
    store: createDynamoStore(createDocumentClient({ tableName, endpoint: dynamo.endpoint }), tableName),
    secrets: createLocalKeySecretBox(
      persistent ? loadOrCreateKey(join(dataDir, 'secret.key')) : randomBytes(32),
    ),
    authenticator: createJwtAuthenticator({ issuer: issuer.issuer, keys: issuer.keys }),
    clock: systemClock,
    drivers: createCloudDriver,
    logger: createLogger('drover-local'),
  };
  const builders: Record<ApiGroup, (d: ApiDeps) => GroupHandler> = {
    account,
    environments,
    credentials,
    roles,
    farms,
    meta,
  };
  const handlers = Object.fromEntries(API_GROUPS.map((g) => [g, builders[g](deps)])) as Record<
    ApiGroup,
    GroupHandler
  >;

  server.on(
    'request',
    createApiListener({ handlers, issuer, portalDir: options.portalDir ?? resolve('frontend/out') }),
  );

  const demoFile = join(dataDir, 'demo.json');
  const known =
    persistent && existsSync(demoFile) ? (JSON.parse(readFileSync(demoFile, 'utf8')) as DemoData) : undefined;
  const demo = options.seed === false ? undefined : (known ?? (await seedDemo(deps)));
  if (demo && persistent && !known) writeFileSync(demoFile, JSON.stringify(demo, null, 2));
  if (demo)
    issuer.addUser({ userId: demo.userId, accountId: demo.accountId, email: DEMO_EMAIL }, DEMO_PASSWORD);

  const endpoints: Record<string, string> = {
    api: `${url}/api`,
    portal: `${url}/`,
    jwks: `${url}/.well-known/jwks.json`,
  };
  if (persistent) writeFileSync(join(dataDir, 'endpoints.json'), `${JSON.stringify(endpoints, null, 2)}\n`);

  const token = demo ? await issuer.mint({ userId: demo.userId, accountId: demo.accountId }) : '';
  return {
    url,
    apiUrl: `${url}/api`,
    endpoints,
    demo: { ...(demo ?? ({} as DemoData)), token },
    deps,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    mintToken: (userId, accountId) => issuer.mint({ userId, accountId }),
    async stop() {
      await new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      });
      await dynamo.stop();
    },
  };
}
