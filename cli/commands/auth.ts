// `drover login` and `drover logout`: sign in with email and password, keep the token and the
// API URL in the config file; forget the token again. An invited user's temporary password is
// answered with a new-password-required problem: the new password is asked for on a terminal or
// read from stdin (--new-password-stdin), then sent with the problem's session.
import type { Command } from 'commander';
import { NEW_PASSWORD_REQUIRED_TYPE, PASSWORD_POLICY_HINT } from '../../functions/domain/access/sign-in';
import { cliApiClient, listAll } from '../api';
import { writeConfig } from '../config';
import { type Context, contextOf } from '../context';
import { ApiError, CliError, usageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { type Io, notice, printData } from '../output';
import { ask, askHidden, canPrompt, readStdin } from '../prompt';

interface LoginOptions {
  email?: string;
  passwordStdin?: boolean;
  newPasswordStdin?: boolean;
}

interface SignIn {
  accessToken: string;
  expiresAt: string;
}

export function registerAuth(program: Command, io: Io): void {
  registerLogin(program, io);
  registerLogout(program, io);
}

function registerLogin(program: Command, io: Io): void {
  program
    .command('login')
    .description('Sign in and keep the token and API URL in the config file')
    .option('--email <email>', 'the account email (asked for on a terminal)')
    .option('--password-stdin', 'read the password from stdin, for scripts')
    .option(
      '--new-password-stdin',
      'first sign-in with a temporary password: read the new password from stdin (after the password, one per line, with --password-stdin)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  echo "$PASSWORD" | drover login --api http://localhost:3000/api --email me@example.com --password-stdin\n  printf \'%s\\n%s\\n\' "$TEMPORARY" "$NEW" | drover login --email me@example.com --password-stdin --new-password-stdin',
    )
    .action((opts: LoginOptions, cmd: Command) => login(contextOf(cmd, io), opts));
}

async function login(ctx: Context, opts: LoginOptions): Promise<void> {
  const { io } = ctx;
  const email = opts.email ?? (canPrompt() ? await ask('Email: ') : undefined);
  if (!email) throw usageError('No email given.', ['Pass --email (there is no terminal to ask on).']);
  // stdin is read once: the password, then the new password, one per line.
  const piped = opts.passwordStdin || opts.newPasswordStdin ? (await readStdin()).split(/\r?\n/) : [];
  let password: string | undefined;
  if (opts.passwordStdin) password = piped.shift();
  else if (canPrompt()) password = await askHidden('Password: ');
  else throw usageError('No terminal to ask for the password on.', ['Pipe it in with --password-stdin.']);
  if (!password) throw usageError('The password is empty.');

  const apiUrl = ctx.settings.apiUrl;
  const signedIn = await signIn(ctx, email, password, () =>
    opts.newPasswordStdin ? Promise.resolve(piped.shift()) : askNewPassword(io),
  );
  // A stored environment belongs to the API it was chosen on; keep it only when that is this one.
  let environment = ctx.config.api === apiUrl ? ctx.config.environment : undefined;
  if (!environment) {
    const all = await listAll(cliApiClient(apiUrl, signedIn.accessToken).listEnvironments, {});
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
}

/** The sign-in; a temporary password is answered by setting the new one `newPassword` gives. */
async function signIn(
  ctx: Context,
  email: string,
  password: string,
  newPassword: () => Promise<string | undefined>,
): Promise<SignIn> {
  try {
    return (await ctx.api.signIn({ body: { email, password } })).body;
  } catch (error) {
    const session = newPasswordSession(error);
    if (!session) throw error;
    const chosen = await newPassword();
    if (!chosen) throw usageError('The new password is empty.');
    const signedIn = (await ctx.api.completeNewPassword({ body: { email, session, newPassword: chosen } }))
      .body;
    notice(ctx.io, 'Your new password is set.');
    return signedIn;
  }
}

function registerLogout(program: Command, io: Io): void {
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

/** The session of a new-password-required answer, or undefined for any other failure. */
function newPasswordSession(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.problem.type !== NEW_PASSWORD_REQUIRED_TYPE) return undefined;
  return error.problem.session;
}

async function askNewPassword(io: Io): Promise<string> {
  if (!canPrompt())
    throw new CliError('This sign-in has a temporary password: choose your own to finish signing in.', {
      exitCode: ExitCode.Auth,
      hints: [
        'Run `drover login` on a terminal, or pipe the temporary and the new password, one per line,',
        'with --password-stdin --new-password-stdin.',
        PASSWORD_POLICY_HINT,
      ],
    });
  notice(io, `Your password is temporary: choose your own. ${PASSWORD_POLICY_HINT}`);
  const first = await askHidden('New password: ');
  const again = await askHidden('Repeat the new password: ');
  if (first !== again) throw usageError('The two new passwords differ.', ['Run `drover login` again.']);
  return first;
}
