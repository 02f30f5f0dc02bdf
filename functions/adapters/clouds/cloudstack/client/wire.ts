// CloudStack's JSON answers, as zod schemas shared by the client (which parses every answer with
// them) and sandbox/cloudstack (which builds its answers as these types). Every answer is one
// object `{"<command>response": …}`; a failure is `{"errorresponse": {errorcode, cserrorcode,
// errortext}}` with the HTTP status of its errorcode. Only the fields Drover reads are listed.
import { z } from 'zod';

export const ErrorBody = z.object({
  errorcode: z.number(),
  cserrorcode: z.number().optional(),
  errortext: z.string(),
  uuidList: z.array(z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Tag = z.object({
  key: z.string(),
  value: z.string(),
  resourcetype: z.string().optional(),
  resourceid: z.string().optional(),
});
export type Tag = z.infer<typeof Tag>;

export const VmState = z.enum([
  'Starting',
  'Running',
  'Stopping',
  'Stopped',
  'Destroyed',
  'Expunging',
  'Migrating',
  'Error',
  'Unknown',
  'Shutdowned',
]);
export type VmState = z.infer<typeof VmState>;

export const Nic = z.object({
  id: z.string(),
  networkid: z.string(),
  networkname: z.string().optional(),
  ipaddress: z.string().optional(),
  isdefault: z.boolean(),
});

export const VirtualMachine = z.object({
  id: z.string(),
  name: z.string(),
  displayname: z.string().optional(),
  state: VmState,
  zoneid: z.string(),
  zonename: z.string(),
  templateid: z.string(),
  serviceofferingid: z.string(),
  serviceofferingname: z.string(),
  created: z.string(),
  keypair: z.string().optional(),
  publicip: z.string().optional(),
  nic: z.array(Nic).default([]),
  securitygroup: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  tags: z.array(Tag).default([]),
});
export type VirtualMachine = z.infer<typeof VirtualMachine>;

export const Zone = z.object({
  id: z.string(),
  name: z.string(),
  allocationstate: z.string().optional(),
  networktype: z.string().optional(),
});
export type Zone = z.infer<typeof Zone>;

export const ServiceOffering = z.object({
  id: z.string(),
  name: z.string(),
  cpunumber: z.number().optional(),
  memory: z.number().optional(),
});
export type ServiceOffering = z.infer<typeof ServiceOffering>;

export const Template = z.object({
  id: z.string(),
  name: z.string(),
  zoneid: z.string().optional(),
  isready: z.boolean().optional(),
  ostypename: z.string().optional(),
});
export type Template = z.infer<typeof Template>;

export const Network = z.object({
  id: z.string(),
  name: z.string(),
  zoneid: z.string(),
  type: z.string().optional(),
});
export type Network = z.infer<typeof Network>;

export const SecurityGroup = z.object({ id: z.string(), name: z.string() });
export type SecurityGroup = z.infer<typeof SecurityGroup>;

export const SshKeyPair = z.object({ name: z.string(), fingerprint: z.string().optional() });
export type SshKeyPair = z.infer<typeof SshKeyPair>;

export const DiskOffering = z.object({
  id: z.string(),
  name: z.string(),
  iscustomized: z.boolean().optional(),
  disksize: z.number().optional(),
});
export type DiskOffering = z.infer<typeof DiskOffering>;

/** What an async command answers at once: the job to poll (and the resource's id when it makes one). */
export const AsyncAccepted = z.object({ jobid: z.string(), id: z.string().optional() });

/** 0 pending, 1 succeeded, 2 failed (jobresult is then an ErrorBody). */
export const AsyncJob = z.object({
  jobid: z.string(),
  jobstatus: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  jobresultcode: z.number().optional(),
  jobresulttype: z.string().optional(),
  jobresult: z.unknown().optional(),
  cmd: z.string().optional(),
  jobinstanceid: z.string().optional(),
});
export type AsyncJob = z.infer<typeof AsyncJob>;

/** A list answer: `{count, <item>: [...]}`, or `{}` when nothing matched. */
export function listOf<T extends z.ZodType>(item: string, schema: T) {
  return z
    .object({ count: z.number().optional() })
    .catchall(z.unknown())
    .transform((body, ctx) => {
      const parsed = z.array(schema).safeParse(body[item] ?? []);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: 'custom', message: issue.message, path: [item, ...issue.path] });
        return z.NEVER;
      }
      return { count: body.count ?? parsed.data.length, items: parsed.data };
    });
}

/** The name of a command's answer object: `listZones` → `listzonesresponse`. */
export const responseKey = (command: string) => `${command.toLowerCase()}response`;
