// `drover signup`: a new account through the signUp route, POST /accounts (its owner is you, with this email
// and password, and its first environment is `default`), then signed in as `drover login` would:
// the token, the API URL and the environment kept in the config file. The body is checked with the
// API's own schema first, so a mistake names its field before anything is sent. When the
// deployment's sign-up is operator-only, a platform operator runs it with DROVER_OPERATOR_TOKEN set.
//
// In AWS a self-service sign-up must prove the email (the answer's status is
// `verification-required`): the code Cognito emailed is taken from --code, the line after the
// password on stdin, or asked for on a terminal, and sent to POST /accounts/verify before signing
// in. Without any of these the command says how to finish: `drover signup verify`, then `drover login`.
import type { Command } from 'commander';
import { PASSWORD_POLICY_HINT } from '../../functions/domain/access/sign-in';
import { ResendCodeInput, SignUpInput, VerifyEmailInput } from '../../functions/domain/accounts/sign-up';
import { cliApiClient } from '../api';
import { writeConfig } from '../config';
import { type Context, contextOf } from '../context';
import { invalidInput, usageError } from '../errors';
import { type Io, notice, printData } from '../output';
import { ask, askHidden, canPrompt, readStdin } from '../prompt';

export function registerSignUp(program: Command, io: Io): void {
  const signup = program.command('signup');
  signup
    .description('Create an account (you are its owner) and sign in to it')
    .option('--account-name <name>', "the account's name, e.g. your organisation (asked for on a terminal)")
    .option('--email <email>', 'your email: the sign-in name (asked for on a terminal)')
    .option(
      '--password-stdin',
      'read the password from stdin, for scripts (and the emailed code from the next line, if you have it)',
    )
    .option(
      '--code <code>',
      'the code we emailed you, where the deployment verifies emails (asked for on a terminal)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  drover signup --api https://drover.example.com/api\n  echo "$PASSWORD" | drover signup --account-name Acme --email me@acme.example --password-stdin\n  drover signup verify --email me@acme.example --code 123456',
    )
    .action((opts: SignUpOptions, cmd: Command) => signUp(contextOf(cmd, io), opts));
  registerVerify(signup, io);
  registerResendCode(signup, io);
}

async function signUp(ctx: Context, opts: SignUpOptions): Promise<void> {
  const { io } = ctx;
  const { input, piped } = await askSignUp(io, opts);
  const apiUrl = ctx.settings.apiUrl;
  // Sign-up is a public route; an operator-only deployment knows its operator by the bearer.
  const operatorToken = process.env.DROVER_OPERATOR_TOKEN || undefined;
  const headers: Record<string, string> = operatorToken ? { authorization: `Bearer ${operatorToken}` } : {};
  const created = (await cliApiClient(apiUrl, undefined, headers).signUp({ body: input })).body;
  notice(io, `Account ${created.account.name} (${created.account.id}) created; you are its owner.`);
  if (created.status === 'verification-required') {
    const code =
      opts.code ??
      (piped[1]?.trim() || undefined) ??
      (canPrompt() ? await ask(`Enter the code we emailed to ${input.email}: `) : undefined);
    if (!code) {
      notice(io, `We emailed a code to ${input.email}. Finish with:`);
      notice(io, `  drover signup verify --api ${apiUrl} --email ${input.email} --code <code>`);
      notice(io, `  drover login --api ${apiUrl} --email ${input.email}`);
      return;
    }
    await verify(ctx, { email: input.email, code });
    notice(io, 'Email verified.');
  }
  const signedIn = (await ctx.api.signIn({ body: { email: input.email, password: input.password } })).body;
  const environment = { id: created.environment.id, name: created.environment.name };
  writeConfig(ctx.configPath, {
    ...ctx.config,
    api: apiUrl,
    token: signedIn.accessToken,
    expiresAt: signedIn.expiresAt,
    email: input.email,
    environment,
  });
  notice(io, `Logged in to ${apiUrl} as ${input.email}. Environment: ${environment.name}.`);
  if (ctx.format !== 'table')
    await printData(
      io,
      ctx.format,
      { account: created.account, owner: created.owner, environment: created.environment },
      () => '',
    );
}

/** The sign-up from flags, a terminal or stdin, checked with the API's schema; and what stdin held. */
async function askSignUp(io: Io, opts: SignUpOptions): Promise<{ input: SignUpInput; piped: string[] }> {
  const accountName = opts.accountName ?? (canPrompt() ? await ask('Account name: ') : undefined);
  const email = opts.email ?? (canPrompt() ? await ask('Email: ') : undefined);
  if (!accountName || !email)
    throw usageError('No account name or email given.', [
      'Pass --account-name and --email (there is no terminal to ask on).',
    ]);
  let password: string | undefined;
  // stdin is read once: the password, then (optionally) the emailed code, one per line.
  const piped = opts.passwordStdin ? (await readStdin()).split(/\r?\n/) : [];
  if (opts.passwordStdin) password = piped[0];
  else if (canPrompt()) password = await askNewPassword(io);
  else throw usageError('No terminal to ask for the password on.', ['Pipe it in with --password-stdin.']);
  const parsed = SignUpInput.safeParse({ accountName, email, password });
  if (!parsed.success) throw invalidInputOf('The sign-up is not valid', parsed.error.issues);
  return { input: parsed.data, piped };
}

function registerVerify(signup: Command, io: Io): void {
  signup
    .command('verify')
    .description('Finish a sign-up with the code we emailed you (deployments that verify emails)')
    .option('--email <email>', 'the email you signed up with')
    .option('--code <code>', 'the code from the email')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const { email, code } = sharedOptions(cmd);
      if (!email || !code) throw usageError('Pass --email and --code.');
      await verify(ctx, { email, code });
      notice(io, `Email verified. Sign in with: drover login --api ${ctx.settings.apiUrl} --email ${email}`);
    });
}

function registerResendCode(signup: Command, io: Io): void {
  signup
    .command('resend-code')
    .description('Email a new sign-up code')
    .option('--email <email>', 'the email you signed up with')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = contextOf(cmd, io);
      const { email } = sharedOptions(cmd);
      if (!email) throw usageError('Pass --email.');
      const parsed = ResendCodeInput.safeParse({ email });
      if (!parsed.success) throw invalidInputOf('The email is not valid', parsed.error.issues);
      const sent = await ctx.api.resendSignUpCode({ body: parsed.data });
      notice(io, `${sent.body.message}.`);
    });
}

/**
 * `--email` and `--code` of `signup verify|resend-code`: `signup` has options of the same names and
 * commander gives them to it wherever they stand (global options stay usable after a subcommand),
 * so they are read from the subcommand and its parent alike.
 */
const sharedOptions = (cmd: Command) => cmd.optsWithGlobals<{ email?: string; code?: string }>();

interface SignUpOptions {
  accountName?: string;
  email?: string;
  passwordStdin?: boolean;
  code?: string;
}

const invalidInputOf = (message: string, issues: { path: PropertyKey[]; message: string }[]) =>
  invalidInput(
    message,
    issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );

async function verify(ctx: Context, input: { email: string; code: string }): Promise<void> {
  const parsed = VerifyEmailInput.safeParse(input);
  if (!parsed.success) throw invalidInputOf('The code is not valid', parsed.error.issues);
  await ctx.api.verifySignUpEmail({ body: parsed.data });
}

async function askNewPassword(io: Io): Promise<string> {
  notice(io, `Choose a password: at least 10 characters. ${PASSWORD_POLICY_HINT} (what AWS deployments ask)`);
  const first = await askHidden('Password: ');
  const again = await askHidden('Repeat the password: ');
  if (first !== again) throw usageError('The two passwords differ.', ['Run `drover signup` again.']);
  return first;
}
