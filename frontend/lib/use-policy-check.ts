'use client';
// The farm form's live policy check: a moment after the user stops typing, the draft is sent to
// `POST …/policies/evaluate` and its violations come back as field errors. Only a draft the
// schema accepts is sent (the schema's own errors come first, and the API would answer 400);
// a check still running when the draft changes again is aborted.
import { useEffect, useState } from 'react';
import { FarmSpec, type FarmSpecInput } from '../../functions/domain/schemas/farm';
import type { Violation } from '../../functions/domain/schemas/policy';
import { ApiProblem } from './api-problem';
import { policyApi } from './policy-api';

export const POLICY_CHECK_DELAY_MS = 400;

export interface PolicyCheck {
  violations: Violation[];
  /** Set while a check is waiting or running, for an unobtrusive "checking…". */
  checking: boolean;
  problem?: ApiProblem;
}

export function usePolicyCheck(
  environmentId: string | undefined,
  spec: FarmSpecInput | undefined,
): PolicyCheck {
  const [state, setState] = useState<PolicyCheck>({ violations: [], checking: false });
  const body = spec && environmentId && FarmSpec.safeParse(spec).success ? JSON.stringify(spec) : undefined;

  useEffect(() => {
    if (!body || !environmentId) {
      setState((s) => (s.checking ? { ...s, checking: false } : s));
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, checking: true }));
    const timer = window.setTimeout(() => {
      policyApi.evaluate(environmentId, JSON.parse(body) as FarmSpecInput, controller.signal).then(
        (violations) => {
          if (!controller.signal.aborted) setState({ violations, checking: false });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          // The check only advises; the save decides. Keep the last answer and say the check failed.
          const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
          setState((s) => ({ violations: s.violations, checking: false, problem }));
        },
      );
    }, POLICY_CHECK_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [body, environmentId]);

  return state;
}
