// What every command starts from: its output streams and format, the resolved settings
// (flags > env vars > config file), an API client, and the environment it works in.
import type { Command } from 'commander';
import type { Environment } from '../functions/domain/schemas';
import { type ApiClient, cliApiClient, listAll } from './api';
import {
  configPath,
  type GlobalFlags,
  readConfig,
  resolveSettings,
  type Settings,
  type StoredConfig,
} from './config';
import { CliError, usageError } from './errors';
import { type Io, type OutputFormat, processIo } from './output';
import { findEnvironment } from './resolve';

export interface Context {
  io: Io;
  format: OutputFormat;
  settings: Settings;
  configPath: string;
  config: StoredConfig;
  api: ApiClient;
  /** The environment named by --env, DROVER_ENV or `drover env use` (or the only one there is). */
  environment(): Promise<Environment>;
}

export function contextOf(command: Command, io: Io = processIo()): Context {
  const flags = command.optsWithGlobals<GlobalFlags & { output?: OutputFormat }>();
  const path = configPath(io.env);
  const config = readConfig(path);
  const settings = resolveSettings(flags, io.env, config);
  const api = cliApiClient(settings.apiUrl, settings.token);
  let environment: Promise<Environment> | undefined;
  return {
    io,
    format: flags.output ?? 'table',
    settings,
    configPath: path,
    config,
    api,
    environment() {
      environment ??= chooseEnvironment(api, settings);
      return environment;
    },
  };
}

async function chooseEnvironment(api: ApiClient, settings: Settings): Promise<Environment> {
  if (settings.environment) {
    const found = await findEnvironment(api, settings.environment);
    if (found) return found;
    const from = { flag: '--env', env: 'DROVER_ENV', config: 'the config file' }[
      settings.sources.environment as 'flag' | 'env' | 'config'
    ];
    throw new CliError(`Environment "${settings.environment}" not found (from ${from}).`, {
      hints: ['See the environments with `drover env list`.'],
    });
  }
  const all = await listAll(api.listEnvironments, {});
  if (all.length === 1) return all[0]!;
  throw usageError(all.length ? 'No environment chosen.' : 'The account has no environment yet.', [
    all.length
      ? `Pick one with \`drover env use NAME\` or --env: ${all.map((e) => e.name).join(', ')}.`
      : 'Create one in the portal first.',
  ]);
}
