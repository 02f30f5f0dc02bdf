import type { ApiProblem } from '../lib/api-problem';

/** Worth a second try: the API was unreachable, busy or failing, not refusing the request. */
function retryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** An API problem as a page shows it: title, detail, field issues, and a retry when it may help. */
export function ProblemNotice({ problem, onRetry }: { problem: ApiProblem; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{problem.title}</p>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.issues.length > 0 && (
        <ul className="notice-issues">
          {problem.issues.slice(0, 10).map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code>{issue.path || '(body)'}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && retryable(problem.status) && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
