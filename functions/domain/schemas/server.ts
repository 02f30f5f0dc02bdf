// Server: one cloud instance that Drover launched for a farm role, and its lifecycle.
import { z } from 'zod';
import { idOf, Platform, Timestamp } from './common';

export const ServerStatus = z.enum([
  'Pending Launch',
  'Pending',
  'Initializing',
  'Running',
  'Pending Terminate',
  'Terminated',
  'Suspended',
  'Failed',
]);
export type ServerStatus = z.infer<typeof ServerStatus>;

export const Server = z
  .object({
    id: idOf('server'),
    accountId: idOf('account'),
    environmentId: idOf('environment'),
    farmId: idOf('farm'),
    farmRoleId: idOf('farmRole'),
    farmRoleAlias: z.string(),
    /** 1-based position of the server in its farm role, reused after a server ends. */
    index: z.number().int().min(1),
    platform: Platform,
    credentialsId: idOf('credentials'),
    region: z.string(),
    zone: z.string(),
    instanceType: z.string(),
    imageId: z.string(),
    status: ServerStatus,
    /** Why the server is in its status (the last transition's reason). */
    statusReason: z.string().default(''),
    instanceId: z.string().nullable().default(null),
    privateIp: z.string().nullable().default(null),
    publicIp: z.string().nullable().default(null),
    /** The server this one replaces, if any. */
    replacesServerId: idOf('server').nullable().default(null),
    /** When each status was entered. */
    timestamps: z.partialRecord(ServerStatus, Timestamp).default({}),
    version: z.number().int().positive(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Server' });
export type Server = z.infer<typeof Server>;
