'use client';
// The environment the user works in: the list from the API and the chosen one, remembered in
// localStorage so every page and the next visit open where the user left off.
import { useCallback, useEffect, useState } from 'react';
import { api, type Environment } from './api-client';
import { type ApiState, useApi } from './use-api';

const CHOSEN_KEY = 'drover.environmentId';

export interface EnvironmentChoice extends Omit<ApiState<Environment[]>, 'data'> {
  environments: Environment[] | undefined;
  current: Environment | undefined;
  select: (environmentId: string) => void;
}

export function useEnvironment(enabled: boolean): EnvironmentChoice {
  const { data, ...state } = useApi(enabled ? 'environments' : null, (signal) => api.allEnvironments(signal));
  const [chosenId, setChosenId] = useState<string | null>(null);

  useEffect(() => {
    setChosenId(window.localStorage.getItem(CHOSEN_KEY));
  }, []);

  const select = useCallback((environmentId: string) => {
    window.localStorage.setItem(CHOSEN_KEY, environmentId);
    setChosenId(environmentId);
  }, []);

  // A remembered environment that was deleted (or belongs to another account) falls back to the first.
  const current = data?.find((env) => env.id === chosenId) ?? data?.[0];
  return { ...state, environments: data, current, select };
}
