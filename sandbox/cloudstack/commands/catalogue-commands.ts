// The sandbox's read-only listings: zones, service offerings, templates, networks, security
// groups, disk offerings and SSH key pairs, filtered by the parameters Drover and `cs` pass.
import {
  DISK_OFFERINGS,
  KEY_PAIRS,
  NETWORKS,
  SECURITY_GROUPS,
  SERVICE_OFFERINGS,
  TEMPLATES,
  ZONES,
} from '../catalogue';
import { ok } from '../envelope';
import { type Command, type CommandContext, listBody, page, required } from './command';

function listing<T extends { id: string; name: string }>(
  command: string,
  item: string,
  all: (ctx: CommandContext) => T[],
): Command {
  return (ctx) => {
    const id = ctx.params.get('id');
    const name = ctx.params.get('name');
    const found = all(ctx).filter((x) => (!id || x.id === id) && (!name || x.name === name));
    return ok(command, listBody(item, page(ctx, found)));
  };
}

export const catalogueCommands: Record<string, Command> = {
  listzones: listing('listZones', 'zone', () =>
    ZONES.map((z) => ({ id: z.id, name: z.name, allocationstate: 'Enabled', networktype: 'Advanced' })),
  ),
  listserviceofferings: listing('listServiceOfferings', 'serviceoffering', () => SERVICE_OFFERINGS),
  listtemplates: listing('listTemplates', 'template', (ctx) => {
    required(ctx, 'templatefilter');
    const zoneid = ctx.params.get('zoneid');
    return ZONES.filter((z) => !zoneid || z.id === zoneid).flatMap((z) =>
      TEMPLATES.map((t) => ({ ...t, zoneid: z.id, isready: true })),
    );
  }),
  listnetworks: listing('listNetworks', 'network', (ctx) => {
    const zoneid = ctx.params.get('zoneid');
    return NETWORKS.filter((n) => !zoneid || n.zoneid === zoneid);
  }),
  listsecuritygroups: (ctx) => {
    const name = ctx.params.get('securitygroupname');
    const found = SECURITY_GROUPS.filter((g) => !name || g.name === name);
    return ok('listSecurityGroups', listBody('securitygroup', page(ctx, found)));
  },
  listdiskofferings: listing('listDiskOfferings', 'diskoffering', () => DISK_OFFERINGS),
  listsshkeypairs: (ctx) => {
    const name = ctx.params.get('name');
    const found = KEY_PAIRS.filter((k) => !name || k.name === name);
    return ok('listSSHKeyPairs', listBody('sshkeypair', page(ctx, found)));
  },
};
