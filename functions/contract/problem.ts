// An RFC 9457 problem as the API answers it (application/problem+json): built by the handlers'
// problem-details middleware, read by the CLI and the local runtime. Part of the contract, so a
// client never imports handler middleware to know what an error looks like.

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  issues?: { path: string; message: string; in?: string }[];
  currentVersion?: number;
  /** A launch refused for Global Variables: each farm role's required variables without a value. */
  missing?: unknown[];
  /** A PolicyViolation's violations: policy, rule, field path, message, allowed values. */
  violations?: unknown[];
  /** A sign-in with a temporary password: the session to send back with the new one. */
  session?: string;
}
