// Whose audit entries a caller may read: owners and admins the whole account's; a team member
// with audit:view the entries of the environments where one of their grants gives it (never
// the account-level ones, which have no environment). Decided with the one access function.
import { type AccessSubject, can } from '../access/can';

/** undefined: every entry of the account; else only these environments' entries. */
export function auditVisibility(subject: AccessSubject): readonly string[] | undefined {
  if (subject.accountRole !== 'user' && !subject.tokenPermissions) return undefined;
  if (subject.accountRole !== 'user')
    return can(subject, 'audit:view', { accountId: subject.accountId }).allowed ? undefined : [];
  const environments = [...new Set(subject.grants.map((g) => g.environmentId))];
  return environments.filter(
    (environmentId) => can(subject, 'audit:view', { accountId: subject.accountId, environmentId }).allowed,
  );
}
