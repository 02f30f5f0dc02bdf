// Use-cases of cloud credentials. Secrets are split off the input, sealed by the SecretBox
// with the item's identity as context, and only opened for a cloud driver.
// An `endpoint` is a URL the tenant sets: in hosted mode it passes the egress guard on save
// (422 at `endpoint`; the drivers check again at every connection), and assumed-role
// credentials may not have one, because AssumeRole is signed with the platform's own AWS
// identity and carries its session to whatever the endpoint is. Failures reach the user in
// Drover's words (cloud-failure.ts), never as the endpoint's own text.
import type { Logger } from '@aws-lambda-powertools/logger';
import { Conflict, NotFound, Unprocessable } from '../domain/errors';
import { newId } from '../domain/ids';
import type { CloudLocationList, InstanceTypeList, PlacementChoices } from '../domain/schemas/cloud-catalog';
import type { PageQuery } from '../domain/schemas/common';
import type {
  CloudCredentials,
  CloudCredentialsInput,
  CloudCredentialsWithSecrets,
  ConnectionTestResult,
} from '../domain/schemas/credentials';
import type { Clock } from '../ports/clock';
import { type CloudDriverFactory, CloudError } from '../ports/cloud-driver';
import type { Principal } from '../ports/identity';
import type { SecretBox } from '../ports/secret-box';
import type { Store } from '../ports/store';
import { auditWrite } from './audit';
import { describeCloudFailure } from './cloud-failure';
import { split } from './credentials-split';
import { checkEgressUrl, type Egress } from './egress/egress-guard';
import { getEnvironment } from './environments';
import { everyItem } from './every-page';
import { expectedVersion } from './versions';

/** The Store's repositories this service uses (a service is handed only what it uses). */
export type CredentialsRepos = Pick<Store, 'audit' | 'credentials' | 'environments' | 'farms'>;

interface Deps {
  store: CredentialsRepos;
  clock: Clock;
  secrets: SecretBox;
  egress: Egress;
}

/** Hosted mode's rules for the input's endpoint: 422 at `endpoint` when it may not be used. */
async function checkEndpoint(deps: Pick<Deps, 'egress'>, input: CloudCredentialsInput): Promise<void> {
  if (!deps.egress.policy.hosted) return;
  // OpenStack has no default endpoint: its auth URL is always the tenant's (a private cloud's
  // is reached only through the operator's allow-list).
  if (input.platform === 'openstack')
    return checkEgressUrl(deps.egress, input.authUrl, { path: 'authUrl', what: 'The auth URL' });
  if (!input.endpoint) return;
  if (input.platform === 'aws' && input.auth.type === 'assumeRole') {
    const message =
      'assumed-role credentials use AWS endpoints only in hosted mode (AssumeRole is signed with the platform identity)';
    throw new Unprocessable(`The endpoint is not allowed: ${message}`, [
      { in: 'body', path: 'endpoint', message },
    ]);
  }
  await checkEgressUrl(deps.egress, input.endpoint, { path: 'endpoint', what: 'The endpoint' });
}

const sealContext = (c: { accountId: string; environmentId: string; id: string }) => ({
  account: c.accountId,
  environment: c.environmentId,
  credentials: c.id,
});

export async function getCredentials(
  deps: Pick<Deps, 'store'>,
  principal: Pick<Principal, 'accountId'>,
  environmentId: string,
  id: string,
) {
  const stored = await deps.store.credentials.get({ accountId: principal.accountId, environmentId }, id);
  if (!stored) throw new NotFound(`Cloud credentials ${id} not found in environment ${environmentId}`);
  return stored;
}

export async function listCredentials(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  page: PageQuery,
) {
  await getEnvironment(deps, principal, environmentId);
  return deps.store.credentials.list({ accountId: principal.accountId, environmentId }, page);
}

export async function createCredentials(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  input: CloudCredentialsInput,
) {
  await getEnvironment(deps, principal, environmentId);
  await checkEndpoint(deps, input);
  const now = deps.clock.now().toISOString();
  const ids = { id: newId('credentials'), accountId: principal.accountId, environmentId };
  const { credentials, secret } = split(input, ids, { version: 1, createdAt: now, updatedAt: now });
  const sealedSecret = secret ? await deps.secrets.seal(secret, sealContext(ids)) : '';
  await deps.store.credentials.create({ credentials: credentials as CloudCredentials, sealedSecret });
  return credentials as CloudCredentials;
}

export async function updateCredentials(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  input: CloudCredentialsInput,
  ifMatch: number | '*' | undefined,
) {
  const current = (await getCredentials(deps, principal, environmentId, id)).credentials;
  const expected = expectedVersion(ifMatch, current, 'cloud credentials');
  if (input.platform !== current.platform)
    throw new Conflict(`Credentials ${id} are for ${current.platform}; the platform cannot change`);
  await checkEndpoint(deps, input);
  const ids = { id, accountId: principal.accountId, environmentId };
  const stamp = {
    version: expected + 1,
    createdAt: current.createdAt,
    updatedAt: deps.clock.now().toISOString(),
  };
  const { credentials, secret } = split(input, ids, stamp);
  const sealedSecret = secret ? await deps.secrets.seal(secret, sealContext(ids)) : '';
  await deps.store.credentials.update(
    { credentials: credentials as CloudCredentials, sealedSecret },
    expected,
  );
  auditWrite({ before: current, after: credentials });
  return credentials as CloudCredentials;
}

export async function deleteCredentials(
  deps: Deps,
  principal: Principal,
  environmentId: string,
  id: string,
  ifMatch: number | '*' | undefined,
) {
  const current = (await getCredentials(deps, principal, environmentId, id)).credentials;
  const scope = { accountId: principal.accountId, environmentId };
  for await (const farm of everyItem((page) => deps.store.farms.listByEnvironment(scope, page))) {
    if (farm.farmRoles.some((fr) => fr.credentialsId === id)) {
      throw new Conflict(`Cloud credentials ${id} are used by farm ${farm.name} (${farm.id})`);
    }
  }
  await deps.store.credentials.delete(
    scope,
    id,
    ifMatch === undefined ? undefined : expectedVersion(ifMatch, current, 'cloud credentials'),
  );
  auditWrite({ before: current, after: null });
}

/** The credentials with their secret opened, for a cloud driver. Never returned by the API. */
export async function openCredentials(
  deps: Pick<Deps, 'store' | 'secrets'>,
  principal: Pick<Principal, 'accountId'>,
  environmentId: string,
  id: string,
): Promise<CloudCredentialsWithSecrets> {
  return openStored(deps, await getCredentials(deps, principal, environmentId, id));
}

async function openStored(
  deps: Pick<Deps, 'secrets'>,
  { credentials, sealedSecret }: Awaited<ReturnType<typeof getCredentials>>,
): Promise<CloudCredentialsWithSecrets> {
  const secret = sealedSecret ? await deps.secrets.open(sealedSecret, sealContext(credentials)) : '';
  if (credentials.platform === 'aws')
    return { ...credentials, ...(secret ? { secretAccessKey: secret } : {}) };
  if (credentials.platform === 'openstack') return { ...credentials, secret };
  if (credentials.platform === 'cloudstack') return { ...credentials, secretKey: secret };
  return { ...credentials, serviceAccountKey: JSON.parse(secret) };
}

export async function testCredentials(
  deps: Deps & { drivers: CloudDriverFactory; logger?: Pick<Logger, 'info'> },
  principal: Principal,
  environmentId: string,
  id: string,
): Promise<ConnectionTestResult> {
  const stored = await getCredentials(deps, principal, environmentId, id);
  // A test changes nothing of the credentials; the entry names them.
  auditWrite({ before: stored.credentials, after: stored.credentials });
  const opened = await openStored(deps, stored);
  const started = performance.now();
  try {
    const locations = await deps.drivers(opened).describeLocations();
    return {
      ok: true,
      platform: opened.platform,
      message: `Connected: ${locations.length} regions visible`,
      regions: locations.map((l) => l.region),
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (err) {
    // The full error (with the endpoint's own text) is for the operator's logs only.
    deps.logger?.info('connection test failed', { credentialsId: id, error: err as Error });
    const message = describeCloudFailure(err);
    return {
      ok: false,
      platform: opened.platform,
      message: `${message[0]!.toUpperCase()}${message.slice(1)}`,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

/** A cloud's refusal as the caller's problem (422): the credentials or the region do not work there. */
function cloudRefusal(err: unknown, what: string, at?: { in: string; path: string }): never {
  if (!(err instanceof CloudError)) throw err;
  const message = describeCloudFailure(err);
  throw new Unprocessable(`The cloud could not ${what}: ${message}`, at ? [{ ...at, message }] : []);
}

/** The regions and zones these credentials see, for the portal's region and zone selects. */
export async function describeCredentialsLocations(
  deps: Deps & { drivers: CloudDriverFactory },
  principal: Principal,
  environmentId: string,
  id: string,
): Promise<CloudLocationList> {
  const opened = await openCredentials(deps, principal, environmentId, id);
  try {
    const items = await deps.drivers(opened).describeLocations();
    return { items: [...items].sort((a, b) => a.region.localeCompare(b.region)) };
  } catch (err) {
    cloudRefusal(err, 'list its regions');
  }
}

/** The instance types of one region, for the portal's instance type select. */
export async function describeCredentialsInstanceTypes(
  deps: Deps & { drivers: CloudDriverFactory },
  principal: Principal,
  environmentId: string,
  id: string,
  region: string,
): Promise<InstanceTypeList> {
  const opened = await openCredentials(deps, principal, environmentId, id);
  try {
    return { items: await deps.drivers(opened).describeInstanceTypes(region) };
  } catch (err) {
    cloudRefusal(err, `list the instance types of ${region}`, { in: 'query', path: 'region' });
  }
}

/**
 * A private cloud's images, networks, security groups and key pairs in one region, for the farm
 * form's pickers: ids and names only (the driver keeps them five minutes). AWS and GCE credentials
 * are refused (422): their farm roles name ids from their own consoles.
 */
export async function describeCredentialsPlacementChoices(
  deps: Deps & { drivers: CloudDriverFactory },
  principal: Principal,
  environmentId: string,
  id: string,
  region: string,
): Promise<PlacementChoices> {
  const opened = await openCredentials(deps, principal, environmentId, id);
  const driver = deps.drivers(opened);
  if (
    !driver.describePlacementChoices ||
    (opened.platform !== 'openstack' && opened.platform !== 'cloudstack')
  )
    throw new Unprocessable(`${opened.platform} credentials list no images, networks or security groups`, [
      { in: 'path', path: 'credentialsId', message: 'must be OpenStack or CloudStack credentials' },
    ]);
  try {
    const choices = await driver.describePlacementChoices(region);
    const byName = <T extends { name: string }>(list: T[]) =>
      [...list].sort((a, b) => a.name.localeCompare(b.name));
    return {
      images: byName(choices.images),
      networks: byName(choices.networks),
      securityGroups: byName(choices.securityGroups),
      keyPairs: [...choices.keyPairs].sort(),
    };
  } catch (err) {
    cloudRefusal(err, `list what ${region} offers`, { in: 'query', path: 'region' });
  }
}
