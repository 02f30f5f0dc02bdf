'use client';
import Link from 'next/link';
import { AppHeader } from '../components/app-header';
import { EnvironmentPicker } from '../components/environment-picker';
import { FarmTable } from '../components/farm-table';
import { PageHeading } from '../components/page-heading';
import { denial } from '../lib/me-permissions';
import { useEnvironment } from '../lib/use-environment';
import { useFarmCounts } from '../lib/use-farm-counts';
import { useFarmList } from '../lib/use-farm-list';
import { useMe } from '../lib/use-me';
import { useSession } from '../lib/use-session';

export function FarmsPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const list = useFarmList(env.current?.id);
  const counts = useFarmCounts(list.farms);
  const problem = env.error ?? list.error;
  const me = useMe(signedIn);
  const createDenied = denial(me.data, 'farms:create', env.current?.id);

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Farms"
          lede={
            env.current ? env.current.description || `Everything declared in ${env.current.name}.` : '\u00a0'
          }
          actions={
            <>
              <EnvironmentPicker env={env} />
              {createDenied ? (
                <button type="button" className="button button-primary" disabled title={createDenied}>
                  New farm
                </button>
              ) : (
                <Link className="button button-primary" href="/farm/edit/">
                  New farm
                </Link>
              )}
            </>
          }
        />

        {env.environments?.length === 0 ? (
          <p className="empty">This account has no environments yet.</p>
        ) : (
          <section aria-label="Farm list" className="panel">
            <FarmTable
              farms={list.farms}
              counts={counts.data}
              empty={problem ? undefined : `No farms in ${env.current?.name} yet.`}
              error={problem}
              onRetry={env.error ? env.reload : list.reload}
            />
            {list.hasMore && (
              <div className="panel-footer">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={list.loadMore}
                  disabled={list.loadingMore}
                >
                  {list.loadingMore ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </section>
        )}
      </main>
    </>
  );
}
