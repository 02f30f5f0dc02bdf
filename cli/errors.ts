// What can go wrong in a `drover` command, as values: each error knows its exit code and the
// problem+json it stands for, and one function renders it for a person. Commands throw;
// main.ts catches once, prints and exits — no command picks an exit code or writes an error itself.
import type { Problem } from '../functions/contract/problem';
import { ExitCode } from './exit-codes';

export type { Problem };
export type FieldIssue = NonNullable<Problem['issues']>[number];

export class CliError extends Error {
  readonly exitCode: ExitCode;
  /** What `-o json` prints on stdout; made up from the message when the API did not send one. */
  readonly problem: Problem;
  /** Lines printed after the message, e.g. what to do next. */
  readonly hints: string[];

  constructor(
    message: string,
    options: { exitCode?: ExitCode; problem?: Problem; hints?: string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? ExitCode.Error;
    this.hints = options.hints ?? [];
    this.problem = options.problem ?? {
      type: 'about:blank',
      title: titleOf(this.exitCode),
      status: 0,
      code: codeOf(this.exitCode),
      detail: message,
    };
  }
}

/** The API answered with an error status; `problem` is its problem+json body. */
export class ApiError extends CliError {
  readonly status: number;
  constructor(status: number, problem: Problem, hints: string[] = []) {
    super(messageOf(status, problem), {
      exitCode: exitCodeOfStatus(status),
      problem,
      hints:
        status === 401 ? [...hints, 'Run `drover login` again, or check DROVER_TOKEN / --token.'] : hints,
    });
    this.name = 'ApiError';
    this.status = status;
  }
}

/** No answer from the API at all (refused, reset, timed out). */
export class ApiUnreachable extends CliError {
  /** `message` names the API root and why (the typed client's "Cannot reach the Drover API at …"). */
  constructor(message: string, cause: unknown) {
    super(message, {
      cause,
      hints: ['Is it running (`npm start`)? Point the CLI elsewhere with --api or DROVER_API.'],
    });
    this.name = 'ApiUnreachable';
  }
}

/** A file or argument the CLI checked itself before calling the API, with field paths. */
export function invalidInput(detail: string, issues: FieldIssue[]): CliError {
  return new CliError(detail, {
    exitCode: ExitCode.Error,
    problem: {
      type: 'about:blank',
      title: 'Invalid input',
      status: 400,
      code: 'InvalidInput',
      detail,
      issues,
    },
  });
}

export function usageError(message: string, hints: string[] = []): CliError {
  return new CliError(message, { exitCode: ExitCode.Usage, hints });
}

export function notLoggedIn(): CliError {
  return new CliError('Not logged in.', {
    exitCode: ExitCode.Auth,
    hints: ['Run `drover login`, or set DROVER_TOKEN.'],
  });
}

export function exitCodeOfStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.Auth;
  return ExitCode.Error;
}

function messageOf(status: number, problem: Problem): string {
  const detail = problem.detail || problem.title || `HTTP ${status}`;
  if (status === 404 && !/not found/i.test(detail)) return `Not found: ${detail}`;
  if (status === 401) return `The API refused the token: ${detail}`;
  return detail;
}

function titleOf(code: ExitCode): string {
  if (code === ExitCode.Usage) return 'Usage error';
  if (code === ExitCode.Auth) return 'Unauthorized';
  if (code === ExitCode.Pending) return 'Still pending';
  return 'Error';
}

function codeOf(code: ExitCode): string {
  if (code === ExitCode.Usage) return 'UsageError';
  if (code === ExitCode.Auth) return 'Unauthorized';
  if (code === ExitCode.Pending) return 'StillPending';
  return 'Error';
}

/** The person-readable text of an error: the detail, then one line per field issue, then hints. */
export function renderError(error: CliError): string {
  const lines = [`Error: ${error.message}`];
  for (const issue of error.problem.issues ?? []) {
    const where = issue.in && issue.in !== 'body' && issue.in !== 'file' ? `${issue.in} ` : '';
    lines.push(`  ${where}${issue.path || '(document)'}: ${issue.message}`);
  }
  for (const hint of error.hints) lines.push(hint);
  return `${lines.join('\n')}\n`;
}

/** Anything thrown, as a CliError (an unexpected error is a bug: exit 1 with its message). */
export function asCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(message, { cause: error });
}
