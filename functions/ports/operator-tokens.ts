// The platform operator: a person of the platform, outside every account, who lists, suspends,
// resumes and deletes accounts (and creates them when sign-up is operator-only). They present an
// operator token (`drvop_…`); the deployment knows only the tokens' SHA-256 hashes.

export interface OperatorIdentity {
  /** Names the token in logs and audit entries (`op-` and the first 12 hex digits of its hash), never the secret. */
  operatorId: string;
}

export interface OperatorTokens {
  /** Throws Unauthorized when the token is not one of this deployment's operator tokens. */
  verify(token: string): OperatorIdentity;
}
