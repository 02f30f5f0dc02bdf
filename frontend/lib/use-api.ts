'use client';
// One API read as React state: loads when `key` changes (null = not yet), keeps the previous
// data while reloading or polling (so nothing jumps), aborts what is no longer wanted, and sends
// the user to sign in on a 401.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from './api-problem';
import { currentPath, signInUrl } from './sign-in-redirect';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiProblem | undefined;
  /** True until the first answer for the current key (not during background refreshes). */
  loading: boolean;
  reload: () => void;
}

export interface UseApiOptions {
  /** Poll every so many milliseconds while the page is visible. */
  refreshMs?: number;
}

export function useApi<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: UseApiOptions = {},
): ApiState<T> {
  const router = useRouter();
  const loadRef = useRef(load);
  loadRef.current = load;
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiProblem }>({ key: null });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
        if (problem.unauthorized) router.replace(signInUrl(currentPath()));
        // A failed background refresh keeps showing the last good data beside the error.
        setState((previous) => ({
          key,
          data: previous.key === key ? previous.data : undefined,
          error: problem,
        }));
      },
    );
    return () => controller.abort();
  }, [key, generation, router]);

  const { refreshMs } = options;
  useEffect(() => {
    if (key === null || !refreshMs) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, refreshMs);
    return () => window.clearInterval(timer);
  }, [key, refreshMs, reload]);

  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && !current,
    reload,
  };
}
