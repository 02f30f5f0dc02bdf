'use client';
// A farm's event log, newest first: the first page is polled with the farm page; "Load more"
// appends older pages. An event can sit on both (new ones pushed it down), so ids are de-duplicated.
import { useCallback, useEffect, useState } from 'react';
import { api, type FarmEvent } from './api-client';
import { ApiProblem } from './api-problem';
import { useApi } from './use-api';

const PAGE_SIZE = 15;

export function useFarmEvents(farmId: string | null | undefined, refreshMs: number) {
  const first = useApi(
    farmId ? `farm-events:${farmId}` : null,
    (signal) => api.listFarmEvents(farmId!, { limit: PAGE_SIZE }, signal),
    { refreshMs },
  );
  const [older, setOlder] = useState<{
    events: FarmEvent[];
    cursor?: string;
    loading: boolean;
    error?: ApiProblem;
  }>({
    events: [],
    loading: false,
  });
  const started = first.data !== undefined;
  const firstCursor = first.data?.nextCursor;

  // The older pages continue from wherever the first page ended when they were first asked for.
  useEffect(() => {
    setOlder((o) => (o.events.length ? o : { events: [], cursor: firstCursor, loading: false }));
  }, [firstCursor]);

  useEffect(() => {
    if (!started) setOlder({ events: [], loading: false });
  }, [started]);

  const loadMore = useCallback(async () => {
    if (!farmId || !older.cursor || older.loading) return;
    setOlder((o) => ({ ...o, loading: true, error: undefined }));
    try {
      const page = await api.listFarmEvents(farmId, { limit: PAGE_SIZE, cursor: older.cursor });
      setOlder((o) => ({ events: [...o.events, ...page.items], cursor: page.nextCursor, loading: false }));
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setOlder((o) => ({ ...o, loading: false, error: problem }));
    }
  }, [farmId, older.cursor, older.loading]);

  let events: FarmEvent[] | undefined;
  if (first.data) {
    const seen = new Set<string>();
    events = [...first.data.items, ...older.events].filter((e) => !seen.has(e.id) && seen.add(e.id));
  }
  return {
    events,
    error: first.error ?? older.error,
    hasMore: Boolean(older.cursor),
    loadingMore: older.loading,
    loadMore,
    reload: first.reload,
  };
}
