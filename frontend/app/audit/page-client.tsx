'use client';
// The audit page's interaction: filters (kept in the URL's query so a view can be shared and a
// farm can link to its history), the newest page of matching entries, and "Load more".
import { useCallback, useEffect, useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { PageHeading } from '../../components/page-heading';
import { ApiProblem } from '../../lib/api-problem';
import { type AuditEntry, type AuditFilters, auditApi } from '../../lib/audit-api';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useSession } from '../../lib/use-session';
import { AuditTable } from './audit-table';
import { AuditFilterForm, EMPTY_FILTERS, type FilterDraft, SINCE_CHOICES } from './filters';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['environmentId', 'userId', 'resourceType', 'resourceId', 'action'] as const;

function fromUrl(): FilterDraft {
  const params = new URLSearchParams(window.location.search);
  const draft: FilterDraft = { ...EMPTY_FILTERS };
  for (const key of FILTER_KEYS) draft[key] = params.get(key) || undefined;
  const since = params.get('since');
  if (SINCE_CHOICES.some((c) => c.value === since)) draft.since = since as FilterDraft['since'];
  return draft;
}

function toUrl(draft: FilterDraft) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (draft[key]) params.set(key, draft[key]);
  if (draft.since !== 'all') params.set('since', draft.since);
  const query = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
}

/** The API's filters for a draft, with `since` turned into a time (fixed when the filters are applied). */
function apiFilters(draft: FilterDraft, appliedAt: number): AuditFilters {
  const { since, ...rest } = draft;
  const ms = SINCE_CHOICES.find((c) => c.value === since)?.ms ?? 0;
  return { ...rest, ...(ms ? { from: new Date(appliedAt - ms).toISOString() } : {}) };
}

export function AuditPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const [applied, setApplied] = useState<{ draft: FilterDraft; at: number }>();

  useEffect(() => setApplied({ draft: fromUrl(), at: Date.now() }), []);

  const key = signedIn && applied ? `audit:${JSON.stringify(applied)}` : null;
  const first = useApi(key, (signal) =>
    auditApi.page(apiFilters(applied!.draft, applied!.at), { limit: PAGE_SIZE }, signal),
  );
  const [more, setMore] = useState<{
    items: AuditEntry[];
    cursor?: string;
    loading: boolean;
    error?: ApiProblem;
  }>({ items: [], loading: false });
  useEffect(() => setMore({ items: [], cursor: first.data?.nextCursor, loading: false }), [first.data]);

  const loadMore = useCallback(async () => {
    if (!applied || !more.cursor || more.loading) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await auditApi.page(apiFilters(applied.draft, applied.at), {
        limit: PAGE_SIZE,
        cursor: more.cursor,
      });
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loading: false }));
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setMore((m) => ({ ...m, loading: false, error: problem }));
    }
  }, [applied, more.cursor, more.loading]);

  const entries = first.data ? [...first.data.items, ...more.items] : undefined;
  const problem = first.error ?? more.error ?? env.error;
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Audit log"
          lede="Every change to this account: who made it, when, from where, and what it changed."
        />
        {applied && (
          <AuditFilterForm
            key={JSON.stringify(applied.draft)}
            value={applied.draft}
            environments={env.environments}
            onApply={(draft) => {
              toUrl(draft);
              setApplied({ draft, at: Date.now() });
            }}
          />
        )}
        <section className="panel audit-panel" aria-label="Audit entries">
          <AuditTable entries={entries} error={problem} onRetry={first.reload} />
          {more.cursor && (
            <p className="panel-footer">
              <button
                type="button"
                className="button button-secondary"
                onClick={loadMore}
                disabled={more.loading}
              >
                {more.loading ? 'Loading…' : 'Load more'}
              </button>
            </p>
          )}
        </section>
      </main>
    </>
  );
}
