// The `drover` exit codes: the one place they are defined, so scripts can rely on them.
// Same numbers as the GitHub CLI (cli/cli), with 2 for usage mistakes.

export const ExitCode = {
  /** The command did what was asked. */
  Ok: 0,
  /** Anything that went wrong and is not one of the cases below (including 404). */
  Error: 1,
  /** The command line itself is wrong: unknown flag, missing argument, bad value. */
  Usage: 2,
  /** Not signed in, the token was refused (401) or the caller may not do this (403). */
  Auth: 4,
  /** `--wait` gave up (timeout or Ctrl-C) while the farm was still on its way. */
  Pending: 8,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
