// Shapes shared by every resource: ids, names, tags, timestamps, pages.
import { z } from 'zod';
import { ID_PREFIXES, type IdKind, idPattern } from '../ids';

export const LIMITS = {
  nameMax: 128,
  descriptionMax: 1024,
  tagsMax: 40,
  tagKeyMax: 127,
  tagValueMax: 255,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  farmRolesMax: 50,
  instancesMax: 1000,
  volumesMax: 16,
  zonesMax: 10,
} as const;

export const idOf = (kind: IdKind) =>
  z.string().regex(idPattern(kind), { message: `must be a ${kind} id like ${ID_PREFIXES[kind]}-<ulid>` });

export const Name = z.string().trim().min(1, 'must not be empty').max(LIMITS.nameMax);
export const Description = z.string().max(LIMITS.descriptionMax).default('');

/** EC2 tag rules; GCE labels are stricter and are derived by the GCE driver. */
export const Tags = z
  .record(
    z
      .string()
      .min(1)
      .max(LIMITS.tagKeyMax)
      .refine((k) => !k.toLowerCase().startsWith('aws:'), 'tag keys may not start with aws:'),
    z.string().max(LIMITS.tagValueMax),
  )
  .refine((t) => Object.keys(t).length <= LIMITS.tagsMax, `at most ${LIMITS.tagsMax} tags`)
  .default({});

export const Timestamp = z.iso.datetime({ offset: true });

export const Platform = z.enum(['aws', 'gce', 'openstack', 'cloudstack']);
export type Platform = z.infer<typeof Platform>;

/** Fields the store keeps on every versioned document. */
export const Versioned = z.object({
  version: z.number().int().positive(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().min(1).max(2048).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Opaque; pass as `cursor` to get the next page. Absent on the last page. */
    nextCursor: z.string().optional(),
  });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
