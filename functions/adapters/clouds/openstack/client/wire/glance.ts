// Glance v2 image wire shapes (zod only, shared with the sandbox; see keystone.ts).
import { z } from 'zod';

export const Image = z.looseObject({
  id: z.string(),
  name: z.string().nullable(),
  status: z.enum([
    'queued',
    'saving',
    'uploading',
    'importing',
    'active',
    'killed',
    'deleted',
    'deactivated',
  ]),
  visibility: z.enum(['public', 'private', 'shared', 'community']),
  disk_format: z.string().nullable().optional(),
  container_format: z.string().nullable().optional(),
  min_disk: z.number().default(0),
  min_ram: z.number().default(0),
  size: z.number().nullable().optional(),
  os_distro: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  tags: z.array(z.string()).default([]),
  self: z.string().optional(),
});
export type Image = z.infer<typeof Image>;

/** `GET /v2/images`: a page; `next` is the path of the next one (relative to the endpoint). */
export const ImageList = z.object({
  images: z.array(Image),
  first: z.string().optional(),
  next: z.string().optional(),
});
