// What a cloud offers through one set of credentials: its regions with their zones, the
// instance types of a region, and (OpenStack, CloudStack) a region's images, networks, security
// groups and key pairs. Read from the cloud itself (CloudDriver.describeLocations /
// describeInstanceTypes) so the portal's selects list only what really exists there.
import { z } from 'zod';

export const CloudLocation = z
  .object({ region: z.string(), zones: z.array(z.string()) })
  .meta({ id: 'CloudLocation' });
export type CloudLocation = z.infer<typeof CloudLocation>;

export const CloudLocationList = z
  .object({ items: z.array(CloudLocation) })
  .meta({ id: 'CloudLocationList' });
export type CloudLocationList = z.infer<typeof CloudLocationList>;

export const InstanceType = z
  .object({
    name: z.string(),
    vcpus: z.number().int().optional(),
    memoryMiB: z.number().int().optional(),
  })
  .meta({ id: 'InstanceType' });
export type InstanceType = z.infer<typeof InstanceType>;

export const InstanceTypeList = z.object({ items: z.array(InstanceType) }).meta({ id: 'InstanceTypeList' });
export type InstanceTypeList = z.infer<typeof InstanceTypeList>;

export const InstanceTypesQuery = z.object({
  // Any cloud's region: EC2's and GCE's `us-east-1`, OpenStack's `RegionOne`.
  region: z.string().regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'must be a region name like us-east-1 or RegionOne'),
});

/** One image, network or security group as the cloud lists it: a farm role may name it by either. */
export const CatalogEntry = z.object({ id: z.string(), name: z.string() }).meta({ id: 'CatalogEntry' });
export type CatalogEntry = z.infer<typeof CatalogEntry>;

/** What a private cloud's farm role may be placed on in one region, for the farm form's pickers. */
export const PlacementChoices = z
  .object({
    /** Glance images (OpenStack) or executable templates (CloudStack); ids go in a role's images. */
    images: z.array(CatalogEntry),
    /** Neutron networks (OpenStack) or the zone's guest networks (CloudStack). */
    networks: z.array(CatalogEntry),
    securityGroups: z.array(CatalogEntry),
    /** Key pair names (Nova key pairs, CloudStack SSH key pairs). */
    keyPairs: z.array(z.string()),
  })
  .meta({ id: 'PlacementChoices' });
export type PlacementChoices = z.infer<typeof PlacementChoices>;
