// Which image a farm role launches from. Pure, so the reconciler (which launches) and the farm
// service (which checks a spec on save) share it without either importing the other.
import type { StoredFarmRole } from './schemas/farm';

/** The image a farm role launches from: the role's image for its platform and region, else its `*` image. */
export function imageFor(
  role: { images: { platform: string; location: string; imageId: string }[] },
  fr: Pick<StoredFarmRole, 'platform' | 'region'>,
) {
  return (
    role.images.find((img) => img.platform === fr.platform && img.location === fr.region) ??
    role.images.find((img) => img.platform === fr.platform && img.location === '*')
  )?.imageId;
}
