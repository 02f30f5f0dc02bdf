// `drover signup`: a new account through POST /api/v1/accounts (its owner is you, with this email
// and password, and its first environment is `default`), then signed in as `drover login` would:
// the token, the API URL and the environment kept in the config file. The body is checked with the
// API's own schema first, so a mistake names its field before anything is sent. When the
// deployment's sign-up is operator-only, a platform operator runs it with DROVER_OPERATOR_TOKEN set.
import type { Command } from 'commander';
import { PASSWORD_POLICY_HINT } from '../../functions/domain/access/sign-in';
import { SignUpInput, type SignUpResult } from '../../functions/domain/accounts/sign-up';
import { DroverApi } from '../api';
import { writeConfig } from '../config';
import { contextOf } from '../context';
import { invalidInput, usageError } from '../errors';
import { type Io, notice, printData } from '../output';
import { ask, askHidden, canPrompt, readStdin } from '../prompt';

export function registerSignUp(program: Command, io: Io): void {
  program
    .command('signup')
    .description('Create an account (you are its owner) and sign in to it')
    .option('--account-name <name>', "the account's name, e.g. your organisation (asked for on a terminal)")
    .option('--email <email>', 'your email: the sign-in name (asked for on a terminal)')
    .option('--password-stdin', 'read the password from stdin, for scripts')
    .addHelpText(
      'after',
      '\nExamples:\n  drover signup --api https://drover.example.com/api\n  echo "$PASSWORD" | drover signup --account-name Acme --email me@acme.example --password-stdin',
    )
    .action(async (opts: { accountName?: string; email?: string; passwordStdin?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const accountName = opts.accountName ?? (canPrompt() ? await ask('Account name: ') : undefined);
      const email = opts.email ?? (canPrompt() ? await ask('Email: ') : undefined);
      if (!accountName || !email)
        throw usageError('No account name or email given.', [
          'Pass --account-name and --email (there is no terminal to ask on).',
        ]);
      let password: string | undefined;
      if (opts.passwordStdin) password = (await readStdin()).split(/\r?\n/)[0];
      else if (canPrompt()) password = await askNewPassword(io);
      else throw usageError('No terminal to ask for the password on.', ['Pipe it in with --password-stdin.']);

      const parsed = SignUpInput.safeParse({ accountName, email, password });
      if (!parsed.success)
        throw invalidInput(
          'The sign-up is not valid',
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );

      const apiUrl = ctx.settings.apiUrl;
      const operatorToken = process.env.DROVER_OPERATOR_TOKEN || undefined;
      const created = (
        await new DroverApi(apiUrl, operatorToken).post<SignUpResult>('/v1/accounts', parsed.data, {
          auth: Boolean(operatorToken),
        })
      ).body;
      const signedIn = (
        await new DroverApi(apiUrl).post<{ accessToken: string; expiresAt: string }>(
          '/v1/auth/token',
          { email: parsed.data.email, password: parsed.data.password },
          { auth: false },
        )
      ).body;
      const environment = { id: created.environment.id, name: created.environment.name };
      writeConfig(ctx.configPath, {
        ...ctx.config,
        api: apiUrl,
        token: signedIn.accessToken,
        expiresAt: signedIn.expiresAt,
        email: parsed.data.email,
        environment,
      });
      notice(io, `Account ${created.account.name} (${created.account.id}) created; you are its owner.`);
      notice(io, `Logged in to ${apiUrl} as ${parsed.data.email}. Environment: ${environment.name}.`);
      if (ctx.format !== 'table')
        await printData(
          io,
          ctx.format,
          { account: created.account, owner: created.owner, environment: created.environment },
          () => '',
        );
    });
}

async function askNewPassword(io: Io): Promise<string> {
  notice(io, `Choose a password: at least 10 characters. ${PASSWORD_POLICY_HINT} (what AWS deployments ask)`);
  const first = await askHidden('Password: ');
  const again = await askHidden('Repeat the password: ');
  if (first !== again) throw usageError('The two passwords differ.', ['Run `drover signup` again.']);
  return first;
}
