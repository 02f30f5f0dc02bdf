// Keystone v3 wire shapes (identity API v3): the token request for the password and
// application-credential methods, the token with its service catalog, regions and the version
// document. Zod only, no other import: the OpenStack sandbox parses and answers with these same
// schemas, so the driver's client and the emulator cannot drift apart.
import { z } from 'zod';

export const DEFAULT_DOMAIN = 'Default';

const DomainRef = z.union([z.object({ id: z.string().min(1) }), z.object({ name: z.string().min(1) })]);

export const PasswordIdentity = z.object({
  methods: z.tuple([z.literal('password')]),
  password: z.object({
    user: z.object({ name: z.string().min(1), domain: DomainRef, password: z.string() }),
  }),
});

export const ApplicationCredentialIdentity = z.object({
  methods: z.tuple([z.literal('application_credential')]),
  application_credential: z.object({ id: z.string().min(1), secret: z.string().min(1) }),
});

export const ProjectScope = z.object({
  project: z.union([
    z.object({ id: z.string().min(1) }),
    z.object({ name: z.string().min(1), domain: DomainRef }),
  ]),
});

export const TokenRequest = z.object({
  auth: z.object({
    identity: z.union([PasswordIdentity, ApplicationCredentialIdentity]),
    // An application credential is bound to its project: a scope is not sent with it.
    scope: ProjectScope.optional(),
  }),
});
export type TokenRequest = z.infer<typeof TokenRequest>;

export const CatalogEndpoint = z.looseObject({
  id: z.string(),
  interface: z.enum(['public', 'internal', 'admin']),
  region: z.string().nullable().optional(),
  region_id: z.string().nullable().optional(),
  url: z.string(),
});

export const CatalogEntry = z.looseObject({
  id: z.string(),
  type: z.string(),
  name: z.string().optional(),
  endpoints: z.array(CatalogEndpoint),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

const Named = z.looseObject({ id: z.string(), name: z.string() });

export const Token = z.looseObject({
  expires_at: z.string(),
  issued_at: z.string(),
  methods: z.array(z.string()),
  user: Named.extend({ domain: Named }),
  project: Named.extend({ domain: Named }).optional(),
  roles: z.array(Named).optional(),
  catalog: z.array(CatalogEntry).default([]),
});
export type Token = z.infer<typeof Token>;

export const TokenResponse = z.object({ token: Token });

/** The response header that carries the token (the body describes it, never holds it). */
export const SUBJECT_TOKEN_HEADER = 'x-subject-token';
/** The request header that presents it. */
export const AUTH_TOKEN_HEADER = 'x-auth-token';

export const Region = z.looseObject({
  id: z.string(),
  description: z.string().default(''),
  parent_region_id: z.string().nullable().default(null),
});
export const RegionList = z.object({ regions: z.array(Region) });

export const VersionLink = z.looseObject({ rel: z.string(), href: z.string() });

/** One API version as every service's version document describes it. */
export const ApiVersion = z.looseObject({
  id: z.string(),
  status: z.string(),
  updated: z.string().optional(),
  links: z.array(VersionLink).default([]),
  /** Nova and Cinder: the newest and oldest microversion (empty for unversioned APIs). */
  version: z.string().optional(),
  min_version: z.string().optional(),
});
export type ApiVersion = z.infer<typeof ApiVersion>;

/** `GET <service root>`: a list (Keystone nests it in `values`), or `GET <versioned root>`: one. */
export const VersionDocument = z.union([
  z.object({ versions: z.object({ values: z.array(ApiVersion) }) }),
  z.object({ versions: z.array(ApiVersion) }),
  z.object({ version: ApiVersion }),
]);

export function versionsOf(doc: z.infer<typeof VersionDocument>): ApiVersion[] {
  if ('version' in doc) return [doc.version];
  return Array.isArray(doc.versions) ? doc.versions : doc.versions.values;
}
