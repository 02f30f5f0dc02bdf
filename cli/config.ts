// Where `drover` finds its API, token and environment: flags, then environment variables
// (DROVER_API, DROVER_TOKEN, DROVER_ENV), then the config file that `drover login` and
// `drover env use` write (~/.config/drover/config.json, or DROVER_CONFIG). The file holds a
// bearer token, so it is written owner-only (0600) in an owner-only directory.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from './errors';
import { ExitCode } from './exit-codes';
import type { Env } from './output';

export const DEFAULT_API_URL = 'http://localhost:3000/api';

export interface StoredConfig {
  api?: string;
  token?: string;
  /** When the stored token stops working (from the sign-in answer). */
  expiresAt?: string;
  email?: string;
  environment?: { id: string; name: string };
}

export interface GlobalFlags {
  api?: string;
  token?: string;
  env?: string;
}

export type Source = 'flag' | 'env' | 'config' | 'default';

export interface Settings {
  apiUrl: string;
  token?: string;
  /** An environment name or id, as the user gave it. */
  environment?: string;
  sources: { apiUrl: Source; token?: Source; environment?: Source };
}

export function configPath(env: Env = process.env): string {
  if (env.DROVER_CONFIG) return env.DROVER_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'drover', 'config.json');
}

export function readConfig(path: string): StoredConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as StoredConfig;
  } catch {}
  throw new CliError(`The config file ${path} is not a JSON object.`, {
    hints: ['Fix or delete it, then run `drover login`.'],
  });
}

/** Writes the whole file through a temporary one, so a crash never leaves half a token. */
export function writeConfig(path: string, config: StoredConfig): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // mode only applies when the file is created; make sure an older, looser file is tightened.
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Flags beat environment variables, which beat the config file. */
export function resolveSettings(flags: GlobalFlags, env: Env, file: StoredConfig): Settings {
  const pick = (flag?: string, variable?: string, stored?: string): [string, Source] | undefined => {
    if (flag) return [flag, 'flag'];
    if (variable) return [variable, 'env'];
    if (stored) return [stored, 'config'];
    return undefined;
  };
  const api = pick(flags.api, env.DROVER_API, file.api) ?? [DEFAULT_API_URL, 'default'];
  const token = pick(flags.token, env.DROVER_TOKEN, file.token);
  const environment = pick(flags.env, env.DROVER_ENV, file.environment?.id);
  return {
    apiUrl: normaliseApiUrl(api[0]),
    token: token?.[0],
    environment: environment?.[0],
    sources: { apiUrl: api[1], token: token?.[1], environment: environment?.[1] },
  };
}

/**
 * The API root, ending in `/api` (what `npm start` prints). A bare origin such as
 * `http://localhost:3000` is accepted and gets `/api` added.
 */
export function normaliseApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`The API URL "${value}" is not a URL.`, {
      exitCode: ExitCode.Usage,
      hints: ['Give one like http://localhost:3000/api.'],
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`The API URL "${value}" must be http or https.`, { exitCode: ExitCode.Usage });
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/api' : path}`;
}
