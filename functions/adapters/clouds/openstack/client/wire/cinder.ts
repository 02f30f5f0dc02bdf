// Cinder v3 (block storage) volume wire shapes (zod only, shared with the sandbox; see keystone.ts).
// Cinder's error body has Nova's form (`{"itemNotFound": {code, message}}`).
import { z } from 'zod';

export const CINDER_MICROVERSION = '3.60';

export const Volume = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  status: z.string(),
  size: z.number().int(),
  availability_zone: z.string(),
  volume_type: z.string().nullable(),
  bootable: z.enum(['true', 'false']),
  attachments: z.array(z.looseObject({ server_id: z.string(), device: z.string().optional() })).default([]),
  metadata: z.record(z.string(), z.string()).default({}),
  created_at: z.string(),
  description: z.string().nullable().optional(),
});
export type Volume = z.infer<typeof Volume>;
export const VolumeList = z.object({ volumes: z.array(Volume) });
export const VolumeOne = z.object({ volume: Volume });

export const VolumeCreate = z.object({
  volume: z.object({
    size: z.number().int().positive(),
    name: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
    volume_type: z.string().nullable().optional(),
    availability_zone: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    imageRef: z.string().nullable().optional(),
  }),
});
