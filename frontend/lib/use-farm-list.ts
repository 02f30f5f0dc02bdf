'use client';
// The farms of an environment, a page at a time: the first page loads with the environment,
// "Load more" appends the next one; changing environment starts over.
import { useCallback, useEffect, useState } from 'react';
import { api, type Farm } from './api-client';
import { ApiProblem } from './api-problem';
import { useApi } from './use-api';

const PAGE_SIZE = 50;

export function useFarmList(environmentId: string | undefined) {
  const first = useApi(environmentId ? `farms:${environmentId}` : null, (signal) =>
    api.listFarms(environmentId!, { limit: PAGE_SIZE }, signal),
  );
  const [more, setMore] = useState<{ farms: Farm[]; cursor?: string; loading: boolean; error?: ApiProblem }>({
    farms: [],
    loading: false,
  });

  useEffect(() => {
    setMore({ farms: [], cursor: first.data?.nextCursor, loading: false });
  }, [first.data]);

  const loadMore = useCallback(async () => {
    if (!environmentId || !more.cursor || more.loading) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await api.listFarms(environmentId, { limit: PAGE_SIZE, cursor: more.cursor });
      setMore((m) => ({ farms: [...m.farms, ...page.items], cursor: page.nextCursor, loading: false }));
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setMore((m) => ({ ...m, loading: false, error: problem }));
    }
  }, [environmentId, more.cursor, more.loading]);

  return {
    farms: first.data ? [...first.data.items, ...more.farms] : undefined,
    error: first.error ?? more.error,
    loading: first.loading,
    reload: first.reload,
    hasMore: Boolean(more.cursor),
    loadingMore: more.loading,
    loadMore,
  };
}
