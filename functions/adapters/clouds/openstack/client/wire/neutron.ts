// Neutron (networking API v2.0) wire shapes: networks, subnets, ports, security groups, and the
// `NeutronError` body (zod only, shared with the sandbox; see keystone.ts).
import { z } from 'zod';

export const Network = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  admin_state_up: z.boolean(),
  shared: z.boolean(),
  'router:external': z.boolean().default(false),
  subnets: z.array(z.string()).default([]),
  project_id: z.string().optional(),
  mtu: z.number().optional(),
  availability_zones: z.array(z.string()).default([]),
});
export type Network = z.infer<typeof Network>;
export const NetworkList = z.object({ networks: z.array(Network) });

export const Subnet = z.looseObject({
  id: z.string(),
  name: z.string(),
  network_id: z.string(),
  cidr: z.string(),
  ip_version: z.union([z.literal(4), z.literal(6)]),
  gateway_ip: z.string().nullable(),
  enable_dhcp: z.boolean(),
});
export const SubnetList = z.object({ subnets: z.array(Subnet) });

export const Port = z.looseObject({
  id: z.string(),
  name: z.string(),
  network_id: z.string(),
  device_id: z.string(),
  device_owner: z.string(),
  status: z.string(),
  mac_address: z.string(),
  fixed_ips: z.array(z.object({ subnet_id: z.string(), ip_address: z.string() })),
  security_groups: z.array(z.string()).default([]),
});
export const PortList = z.object({ ports: z.array(Port) });

export const SecurityGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  project_id: z.string().optional(),
  security_group_rules: z
    .array(z.looseObject({ id: z.string(), direction: z.enum(['ingress', 'egress']) }))
    .default([]),
});
export type SecurityGroup = z.infer<typeof SecurityGroup>;
export const SecurityGroupList = z.object({ security_groups: z.array(SecurityGroup) });

export const NeutronErrorBody = z.object({
  NeutronError: z.looseObject({ type: z.string(), message: z.string(), detail: z.string().default('') }),
});
