// The portal's client of the account's retention settings (functions/contract/retention-routes.ts):
// GET with its ETag ("0" until an admin first saves), PUT with If-Match. Answers are parsed with
// the shared schema, the same one the form validates with.
import type { RetentionInput, RetentionSettings } from '../../functions/domain/schemas/retention';
import { portalApi, type Tagged, tagged } from './portal-client';

export {
  RETENTION_KINDS,
  RETENTION_LIMITS,
  RetentionInput,
  type RetentionKind,
  type RetentionSettings,
} from '../../functions/domain/schemas/retention';

export const retentionApi = {
  async get(signal?: AbortSignal): Promise<Tagged<RetentionSettings>> {
    return tagged(await portalApi.getRetention({ signal }));
  },
  async put(input: RetentionInput, etag: string | null): Promise<Tagged<RetentionSettings>> {
    return tagged(await portalApi.putRetention({ body: input, ifMatch: etag ?? '"0"' }));
  },
};
