// CloudStack credentials: the API URL (`…/client/api`, reached through the egress guard like any
// URL a tenant sets), the API key, and the secret key, which is write-only (sealed by the
// SecretBox, never returned: the view says `secretKeySet`). Kept in a file of its own so the
// credentials union (credentials.ts) takes it as one more member.
import { z } from 'zod';
import { Description, Name } from './common';

export const CloudStackApiUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .refine((url) => /\/client\/api\/?$/.test(new URL(url).pathname), {
    message: "must be CloudStack's API URL, ending in /client/api",
  });

export const CloudStackCredentialsInput = z
  .object({
    platform: z.literal('cloudstack'),
    name: Name,
    description: Description,
    endpoint: CloudStackApiUrl,
    apiKey: z.string().regex(/^[\w-]{1,255}$/, 'must be a CloudStack API key'),
    secretKey: z.string().min(1).max(255),
  })
  .strict();
export type CloudStackCredentialsInput = z.infer<typeof CloudStackCredentialsInput>;

/** What the API returns for CloudStack credentials: never the secret key. */
export const CloudStackCredentialsView = CloudStackCredentialsInput.omit({ secretKey: true }).extend({
  secretKeySet: z.literal(true),
});
