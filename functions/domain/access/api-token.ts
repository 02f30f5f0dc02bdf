// API tokens for the CLI and automation. The secret (`drv_<tokenId>_<random>`) is shown once,
// at creation; only its SHA-256 is stored. A token acts as its user, narrowed to its own
// permission list when it has one (the intersection of both).
import { z } from 'zod';
import { idOf, Name, Timestamp } from '../schemas/common';
import { ACCOUNT_ADMIN_ACTIONS, PermissionName } from './permissions';

export const TokenPermission = z.union([PermissionName, z.enum(ACCOUNT_ADMIN_ACTIONS)]);
export type TokenPermission = z.infer<typeof TokenPermission>;

export const API_TOKEN_MAX_DAYS = 366;

export const ApiTokenInput = z
  .object({
    name: Name,
    expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(90),
    /** Narrower than the user's rights; omitted or null: everything the user may do. */
    permissions: z
      .array(TokenPermission)
      .min(1)
      .max(64)
      .refine((p) => new Set(p).size === p.length, 'duplicate permission')
      .nullable()
      .default(null),
  })
  .strict()
  .meta({ id: 'ApiTokenInput' });
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;

export const ApiToken = z
  .object({
    id: idOf('apiToken'),
    accountId: idOf('account'),
    userId: idOf('user'),
    name: Name,
    permissions: z.array(TokenPermission).nullable(),
    expiresAt: Timestamp,
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenWithSecret = ApiToken.extend({
  /** Shown once: store it now. */
  secret: z.string(),
}).meta({ id: 'ApiTokenWithSecret' });

export const API_TOKEN_PATTERN = /^drv_(tok-[0-9a-z]{26})_([A-Za-z0-9_-]{32,})$/;
