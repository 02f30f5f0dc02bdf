// What the farm form says above its fields: the environment's policies the draft breaks (checked
// live, each rule in words), and how many fields need attention after a refused save.
import type { Violation } from '../../../../functions/domain/schemas/policy';
import { explainViolation } from '../../../lib/policy-violations';

export function PolicyCheckNotice({ violations }: { violations: Violation[] }) {
  if (violations.length === 0) return null;
  return (
    <div className="notice notice-warn policy-check" role="status" aria-live="polite">
      <p className="notice-title">
        {violations.length === 1
          ? "This farm breaks one of the environment's policies"
          : `This farm breaks ${violations.length} rules of the environment's policies`}
        : it cannot be saved until it follows them.
      </p>
      <ul className="notice-issues">
        {violations.map((v) => (
          <li key={`${v.policyId}:${v.path}:${v.message}`}>
            <code>{v.path}</code> {explainViolation(v)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorCountNotice({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">
        {count === 1 ? 'One field needs' : `${count} fields need`} attention before saving.
      </p>
    </div>
  );
}
