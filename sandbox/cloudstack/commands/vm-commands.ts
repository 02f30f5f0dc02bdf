// The sandbox's virtual machine commands: deployVirtualMachine (checked as CloudStack checks it,
// a taken name refused), listVirtualMachines (id, name, zone, state and tag filters, paged),
// start/stop/reboot/destroy (async; expunge=true only when the account may expunge).
import type { Tag } from '../../../functions/adapters/clouds/cloudstack/client/wire';
import {
  DISK_OFFERINGS,
  KEY_PAIRS,
  NETWORKS,
  SECURITY_GROUPS,
  SERVICE_OFFERINGS,
  TEMPLATES,
  zoneById,
} from '../catalogue';
import { badParameter, CloudStackFault, noSuchEntity, ok } from '../envelope';
import { type VmRecord, wireOf } from '../vm-record';
import { type Command, type CommandContext, indexedMaps, listBody, page, required } from './command';

/** CloudStack takes 2 KiB of base64 user data in a GET and 32 KiB by POST. */
const USER_DATA_LIMIT = { GET: 2_048, POST: 32_768 };
const HOSTNAME = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

function known<T extends { id: string }>(list: T[], param: string, value: string): T {
  const found = list.find((x) => x.id === value);
  if (!found) throw noSuchEntity(param, value);
  return found;
}

function userData(ctx: CommandContext): string | null {
  const encoded = ctx.params.get('userdata');
  if (encoded === undefined) return null;
  if (encoded.length > USER_DATA_LIMIT[ctx.method === 'POST' ? 'POST' : 'GET'])
    throw badParameter(`User data is too long for an http ${ctx.method === 'POST' ? 'POST' : 'GET'} request`);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) throw badParameter('User data is not base64 encoded');
  return Buffer.from(encoded, 'base64').toString('utf8');
}

function securityGroups(ctx: CommandContext): { id: string; name: string }[] {
  const ids = ctx.params.get('securitygroupids')?.split(',') ?? [];
  const names = ctx.params.get('securitygroupnames')?.split(',') ?? [];
  return [
    ...ids.map((id) => known(SECURITY_GROUPS, 'securitygroupids', id)),
    ...names.map((name) => {
      const group = SECURITY_GROUPS.find((g) => g.name === name);
      if (!group) throw badParameter(`Unable to find security group by name ${name}`);
      return group;
    }),
  ];
}

const deploy: Command = (ctx) => {
  const zone = zoneById(required(ctx, 'zoneid'));
  if (!zone) throw noSuchEntity('zoneid', required(ctx, 'zoneid'));
  const offering = known(SERVICE_OFFERINGS, 'serviceofferingid', required(ctx, 'serviceofferingid'));
  const template = known(TEMPLATES, 'templateid', required(ctx, 'templateid'));
  const zoneNetworks = NETWORKS.filter((n) => n.zoneid === zone.id);
  const networkids = ctx.params.get('networkids')?.split(',') ?? [zoneNetworks[0]!.id];
  for (const id of networkids) known(zoneNetworks, 'networkids', id);
  const keypair = ctx.params.get('keypair');
  if (keypair && !KEY_PAIRS.some((k) => k.name === keypair))
    throw badParameter(`A key pair with name '${keypair}' was not found for account`);
  const name = ctx.params.get('name') ?? `VM-${crypto.randomUUID()}`;
  if (!HOSTNAME.test(name))
    throw badParameter(
      `Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'), must be between 1 and 63 characters long, and can't start or end with "-" and can't start with digit`,
    );
  const taken = ctx.state.list().find((vm) => vm.name === name && vm.state !== 'Expunging');
  if (taken)
    throw badParameter(
      `The vm with hostName ${name} already exists in the network domain: cs1cloud.internal; network=${networkids[0]}`,
    );
  const diskofferingid = ctx.params.get('diskofferingid');
  if (diskofferingid) known(DISK_OFFERINGS, 'diskofferingid', diskofferingid);
  const { vm, jobid } = ctx.state.deploy(
    {
      name,
      displayname: ctx.params.get('displayname') ?? name,
      zoneid: zone.id,
      serviceofferingid: offering.id,
      templateid: template.id,
      networkids,
      securitygroups: securityGroups(ctx),
      keypair,
      userdata: userData(ctx),
      tags: [],
      dataDisks: diskofferingid ? [{ diskofferingid, size: Number(ctx.params.get('size') ?? 0) }] : [],
    },
    ctx.faults.lacksCapacity(offering.name, zone.name),
  );
  return ok('deployVirtualMachine', { id: vm.id, jobid });
};

function matchesTags(vm: VmRecord, wanted: Record<string, string>[]): boolean {
  return wanted.every((w) =>
    vm.tags.some((t: Tag) => t.key === w.key && (w.value === undefined || t.value === w.value)),
  );
}

const listVirtualMachines: Command = (ctx) => {
  const { id, name, zoneid, state } = Object.fromEntries(
    ['id', 'name', 'zoneid', 'state'].map((k) => [k, ctx.params.get(k)]),
  );
  const tags = indexedMaps(ctx.params, 'tags');
  const found = ctx.state
    .list()
    .filter(
      (vm) =>
        (!id || vm.id === id) &&
        (!name || vm.name.includes(name)) &&
        (!zoneid || vm.zoneid === zoneid) &&
        (!state || vm.state.toLowerCase() === state.toLowerCase()) &&
        matchesTags(vm, tags),
    );
  const one = page(ctx, found);
  return ok(
    'listVirtualMachines',
    listBody('virtualmachine', { count: one.count, items: one.items.map(wireOf) }),
  );
};

function vmOf(ctx: CommandContext): VmRecord {
  const id = required(ctx, 'id');
  const vm = ctx.state.vm(id);
  if (!vm || vm.state === 'Expunging') throw noSuchEntity('id', id);
  return vm;
}

/** An action on one VM; the answer is its job. */
function action(command: string, act: (ctx: CommandContext, vm: VmRecord) => string): Command {
  return (ctx) => ok(command, { jobid: act(ctx, vmOf(ctx)) });
}

const finished = (ctx: CommandContext, vm: VmRecord, cmd: string) => {
  const jobid = ctx.state.jobs.create(cmd, vm.id);
  ctx.state.jobs.succeed(jobid, { virtualmachine: wireOf(vm) });
  return jobid;
};

export const vmCommands: Record<string, Command> = {
  deployvirtualmachine: deploy,
  listvirtualmachines: listVirtualMachines,
  stopvirtualmachine: action('stopVirtualMachine', (ctx, vm) =>
    vm.state === 'Stopped' || vm.state === 'Stopping'
      ? finished(ctx, vm, 'vm.StopVMCmd')
      : ctx.state.stop(vm),
  ),
  startvirtualmachine: action('startVirtualMachine', (ctx, vm) =>
    vm.state === 'Running' || vm.state === 'Starting'
      ? finished(ctx, vm, 'vm.StartVMCmd')
      : ctx.state.start(vm),
  ),
  rebootvirtualmachine: action('rebootVirtualMachine', (ctx, vm) => {
    if (vm.state !== 'Running') throw badParameter(`VM ${vm.id} is not running (${vm.state})`);
    return ctx.state.reboot(vm);
  }),
  destroyvirtualmachine: action('destroyVirtualMachine', (ctx, vm) => {
    const expunge = ctx.params.get('expunge') === 'true';
    if (expunge && !ctx.mayExpunge)
      throw new CloudStackFault(
        531,
        'Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.',
        4365,
      );
    if (vm.destroying && !(expunge && vm.state === 'Destroyed')) return finished(ctx, vm, 'vm.DestroyVMCmd');
    return ctx.state.destroy(vm, expunge);
  }),
};
