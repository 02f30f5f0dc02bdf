// OpenStack and CloudStack in the portal, end to end in Debian's Chromium against the in-process
// local runtime and its sandbox clouds: a role gets its OpenStack image and CloudStack template
// from the clouds' own lists; a farm gets a farm role on each, their region, flavor / service
// offering, networks, security groups and key pair picked from what the clouds list through the
// API; saved, the farm page shows them. A policy for OpenStack made in the policy form (allowed
// security groups) then refuses a farm role naming another group, at the field.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { DEBIAN_TEMPLATE_ID } from '../../sandbox/cloudstack';
import { DEBIAN_IMAGE_ID } from '../../sandbox/openstack/catalogue';
import { demoApi } from './support/demo-api';
import {
  openAdmin,
  type PortalSession,
  SCREENSHOTS,
  signIn,
  startPortalSession,
} from './support/portal-session';

const ROLE_NAME = 'private-base';
const OPENSTACK_DB = {
  platform: 'openstack',
  alias: 'db',
  region: 'RegionOne',
  type: 'm1.small',
  network: 'private',
  group: 'default',
};
let session: PortalSession;
let runtime: LocalRuntime;
let page: Page;

/** Waits until a select lists a value (it comes from the cloud through the API), then chooses it. */
async function choose(select: string, value: string) {
  await page.locator(`${select} option[value="${value}"]`).waitFor({ state: 'attached', timeout: 15_000 });
  await page.locator(select).selectOption(value);
}

/** Adds a chip the way a person would: the cloud's list suggests it, typing it and Enter adds it. */
async function pickChip(inputId: string, value: string) {
  await page
    .locator(`#${inputId}-suggestions option[value="${value}"]`)
    .waitFor({ state: 'attached', timeout: 15_000 });
  await page.locator(`#${inputId}`).fill(value);
  await page.locator(`#${inputId}`).press('Enter');
  await page.getByRole('button', { name: `Remove ${value}` }).waitFor();
}

/** One private-cloud farm role filled in through the form, at position `i`. */
async function fillFarmRole(
  i: number,
  role: { platform: string; alias: string; region: string; type: string; network: string; group: string },
  zone?: { pick: string; drop: string },
) {
  const fr = `#fr-${i}`;
  await page.getByRole('button', { name: 'Add farm role' }).click();
  await page.locator(`${fr}-platform`).selectOption(role.platform);
  await page.locator(`${fr}-alias`).fill(role.alias);
  await choose(`${fr}-roleId`, await roleId());
  const credentials = (
    await demoApi(runtime)('GET', `/environments/${runtime.demo.environmentId}/credentials`)
  ).body.items.find((c: { platform: string }) => c.platform === role.platform).id;
  await expect
    .poll(() => page.locator(`${fr}-credentialsId`).inputValue(), { timeout: 15_000 })
    .toBe(credentials);
  await choose(`${fr}-region`, role.region);
  if (zone) {
    // The region's availability zones, as Nova lists them: the first is ticked, another chosen instead.
    await page.locator(`${fr}-zone-${zone.pick}`).check();
    await page.locator(`${fr}-zone-${zone.drop}`).uncheck();
  }
  await choose(`${fr}-instanceType`, role.type);
  await pickChip(`fr-${i}-network-networks`, role.network);
  await pickChip(`fr-${i}-network-securityGroups`, role.group);
}

let madeRoleId = '';
async function roleId(): Promise<string> {
  if (!madeRoleId) {
    const roles = (await demoApi(runtime)('GET', `/roles?environmentId=${runtime.demo.environmentId}`)).body
      .items;
    madeRoleId = roles.find((r: { name: string }) => r.name === ROLE_NAME).id;
  }
  return madeRoleId;
}

describe('private clouds in the portal', () => {
  beforeAll(async () => {
    session = await startPortalSession();
    runtime = session.runtime;
    page = await session.chromium.context.newPage();
    await signIn(page, runtime);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('makes a role whose OpenStack image and CloudStack template come from the clouds’ lists', async () => {
    await page.goto(`${runtime.url}/roles/edit/`);
    await page.locator('#role-name').fill(ROLE_NAME);
    await page.locator('#role-os-name').fill('Debian 12');
    await page.locator('#role-default-openstack').fill('m1.small');
    await page.locator('#role-default-cloudstack').fill('Small Instance');
    await page.locator('#role-image-0-platform').selectOption('openstack');
    await choose('#role-image-0-image', DEBIAN_IMAGE_ID);
    await page.getByRole('button', { name: 'Add image' }).click();
    await page.locator('#role-image-1-platform').selectOption('cloudstack');
    await choose('#role-image-1-image', DEBIAN_TEMPLATE_ID);
    await expect(page.locator('#role-image-1-image option:checked').textContent()).resolves.toBe(
      `Debian 12 (sandbox) (${DEBIAN_TEMPLATE_ID})`,
    );
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.waitForURL(/\/roles\/$/);
    const role = (await demoApi(runtime)('GET', `/roles/${await roleId()}`)).body;
    expect(role).toMatchObject({
      images: [
        { platform: 'openstack', location: '*', imageId: DEBIAN_IMAGE_ID },
        { platform: 'cloudstack', location: '*', imageId: DEBIAN_TEMPLATE_ID },
      ],
      defaultInstanceTypes: { openstack: 'm1.small', cloudstack: 'Small Instance' },
    });
  });

  it('creates a farm with an OpenStack and a CloudStack farm role picked from the clouds’ lists', async () => {
    await page.goto(`${runtime.url}/farm/edit/`);
    await page.getByLabel('Name', { exact: true }).fill('private-shop');
    await fillFarmRole(
      0,
      {
        platform: 'openstack',
        alias: 'db',
        region: 'RegionOne',
        type: 'm1.small',
        network: 'private',
        group: 'default',
      },
      { pick: 'nova', drop: 'az-2' },
    );
    await fillFarmRole(1, {
      platform: 'cloudstack',
      alias: 'app',
      region: 'zone-1',
      type: 'Small Instance',
      network: 'guest-net-1',
      group: 'web',
    });
    // CloudStack lists one SSH key pair; the service offering's name keeps its space.
    await choose('#fr-1-network-keyPair', 'sandbox-key');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'laptop-farm-form-private-clouds.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Create farm' }).click();
    await page.waitForURL(/\/farm\/\?id=farm-/);
    const farmId = new URL(page.url()).searchParams.get('id')!;

    const { body: farm } = await demoApi(runtime)('GET', `/farms/${farmId}`);
    expect(farm.farmRoles).toEqual([
      expect.objectContaining({
        platform: 'openstack',
        region: 'RegionOne',
        zones: ['nova'],
        instanceType: 'm1.small',
        network: { networks: ['private'], securityGroups: ['default'] },
      }),
      expect.objectContaining({
        platform: 'cloudstack',
        region: 'zone-1',
        zones: ['zone-1'],
        instanceType: 'Small Instance',
        network: { networks: ['guest-net-1'], securityGroups: ['web'], keyPair: 'sandbox-key' },
      }),
    ]);
    await page.getByText(/networks private · security groups default/).waitFor();
    await page.getByText(/networks guest-net-1 · security groups web/).waitFor();
  });

  it('refuses, at the field, a security group an OpenStack policy made in the policy form does not allow', async () => {
    await openAdmin(page, 'Policies');
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.locator('#policy-name').fill('openstack groups');
    await page.locator('#policy-platform').selectOption('openstack');
    await page.locator('#policy-kind').selectOption('allowed-security-groups');
    // The groups OpenStack lists are suggested.
    await page
      .locator('#policy-security-groups-suggestions option[value="default"]')
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.locator('#policy-security-groups').fill('web, ssh access');
    await page.locator('#policy-security-groups').press('Enter');
    await page.getByRole('button', { name: 'Remove ssh access' }).waitFor();
    await page.getByRole('button', { name: 'Save policy' }).click();
    await expect
      .poll(
        async () =>
          (await demoApi(runtime)('GET', `/environments/${runtime.demo.environmentId}/policies`)).body.items,
        {
          timeout: 15_000,
        },
      )
      .toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            platform: 'openstack',
            rule: { kind: 'allowed-security-groups', securityGroups: ['web', 'ssh access'] },
          }),
        ]),
      );

    await page.goto(`${runtime.url}/farm/edit/`);
    await page.getByLabel('Name', { exact: true }).fill('private-refused');
    await fillFarmRole(0, OPENSTACK_DB);
    // The form checks the draft against the environment's policies as it is typed.
    await expect
      .poll(() => page.locator('#fr-0-network-securityGroups-error').textContent(), { timeout: 15_000 })
      .toBe("Policy 'openstack groups': security group default is not allowed (allowed: web, ssh access)");
  });
});
