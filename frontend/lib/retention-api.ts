// The portal's client of the account's retention settings (functions/handlers/api/retention-routes.ts):
// GET with its ETag ("0" until an admin first saves), PUT with If-Match. Answers are parsed with
// the shared schema, the same one the form validates with.
import { type RetentionInput, RetentionSettings } from '../../functions/domain/schemas/retention';
import { request, type Tagged } from './api-client';

export {
  RETENTION_KINDS,
  RETENTION_LIMITS,
  RetentionInput,
  type RetentionKind,
  type RetentionSettings,
} from '../../functions/domain/schemas/retention';

const PATH = '/account/retention';

export const retentionApi = {
  get(signal?: AbortSignal): Promise<Tagged<RetentionSettings>> {
    return request(PATH, { schema: RetentionSettings, signal });
  },
  put(input: RetentionInput, etag: string | null): Promise<Tagged<RetentionSettings>> {
    return request(PATH, { method: 'PUT', body: input, ifMatch: etag ?? '"0"', schema: RetentionSettings });
  },
};
