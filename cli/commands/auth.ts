// `drover login` and `drover logout`: sign in with email and password, keep the token and the
// API URL in the config file; forget the token again.
import type { Command } from 'commander';
import type { Environment } from '../../functions/domain/schemas';
import { DroverApi } from '../api';
import { writeConfig } from '../config';
import { contextOf } from '../context';
import { usageError } from '../errors';
import { type Io, notice, printData } from '../output';
import { ask, askHidden, canPrompt, readStdin } from '../prompt';

interface SignIn {
  accessToken: string;
  expiresAt: string;
}

export function registerAuth(program: Command, io: Io): void {
  program
    .command('login')
    .description('Sign in and keep the token and API URL in the config file')
    .option('--email <email>', 'the account email (asked for on a terminal)')
    .option('--password-stdin', 'read the password from stdin, for scripts')
    .addHelpText(
      'after',
      '\nExample:\n  echo "$PASSWORD" | drover login --api http://localhost:3000/api --email me@example.com --password-stdin',
    )
    .action(async (opts: { email?: string; passwordStdin?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const email = opts.email ?? (canPrompt() ? await ask('Email: ') : undefined);
      if (!email) throw usageError('No email given.', ['Pass --email (there is no terminal to ask on).']);
      let password: string | undefined;
      if (opts.passwordStdin) password = await readStdin();
      else if (canPrompt()) password = await askHidden('Password: ');
      else throw usageError('No terminal to ask for the password on.', ['Pipe it in with --password-stdin.']);
      if (!password) throw usageError('The password is empty.');

      const apiUrl = ctx.settings.apiUrl;
      const signedIn = (
        await new DroverApi(apiUrl).post<SignIn>('/v1/auth/token', { email, password }, { auth: false })
      ).body;

      // A stored environment belongs to the API it was chosen on; keep it only when that is this one.
      let environment = ctx.config.api === apiUrl ? ctx.config.environment : undefined;
      if (!environment) {
        const all = await new DroverApi(apiUrl, signedIn.accessToken).listAll<Environment>(
          '/v1/environments',
        );
        if (all.length === 1) environment = { id: all[0]!.id, name: all[0]!.name };
      }
      writeConfig(ctx.configPath, {
        ...ctx.config,
        api: apiUrl,
        token: signedIn.accessToken,
        expiresAt: signedIn.expiresAt,
        email,
        environment,
      });
      notice(
        io,
        `Logged in to ${apiUrl} as ${email} (token kept in ${ctx.configPath} until ${signedIn.expiresAt}).`,
      );
      notice(
        io,
        environment
          ? `Environment: ${environment.name}.`
          : 'Choose an environment with `drover env use NAME` (see `drover env list`).',
      );
      if (ctx.format !== 'table')
        await printData(
          io,
          ctx.format,
          { api: apiUrl, email, expiresAt: signedIn.expiresAt, environment },
          () => '',
        );
    });

  program
    .command('logout')
    .description('Forget the stored token (the API URL and environment are kept)')
    .action((_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      if (!ctx.config.token) {
        notice(io, 'Not logged in.');
        return;
      }
      const { token: _token, expiresAt: _expiresAt, ...rest } = ctx.config;
      writeConfig(ctx.configPath, rest);
      notice(io, `Logged out of ${ctx.config.api ?? ctx.settings.apiUrl}.`);
    });
}
