'use client';
// The state every row action of the portal's tables shares (delete after a confirmation,
// enable/disable, rotate, change a role): which confirmation is open, which action is running
// (its button shows it, the others wait) and the API's refusal, if any, to show by the row. A
// settled action, done or refused, closes its confirmation.
import { useState } from 'react';
import { ApiProblem } from './api-problem';

/**
 * `Asked` is what a confirmation is open for (a kind of action, or the item about to go);
 * `Running` names the action in flight (its kind, or the item's id).
 */
export function useRowAction<Asked = true, Running = true>() {
  const [asking, setAsking] = useState<Asked>();
  const [busy, setBusy] = useState<Running>();
  const [problem, setProblem] = useState<ApiProblem>();

  async function run(what: Running, action: () => Promise<unknown>): Promise<void> {
    setBusy(what);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setBusy(undefined);
      setAsking(undefined);
    }
  }

  return { asking, ask: setAsking, dismiss: () => setAsking(undefined), busy, problem, run };
}
