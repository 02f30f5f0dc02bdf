'use client';
// The bar on top of every page: the product name (home) and, on signed-in pages (those that
// pass `onSignOut`), the navigation, the account and sign-out.
import Link from 'next/link';
import { api } from '../lib/api-client';
import { useApi } from '../lib/use-api';

export function AppHeader({ signedIn, onSignOut }: { signedIn: boolean; onSignOut?: () => void }) {
  const account = useApi(signedIn ? 'account' : null, (signal) => api.getAccount(signal));
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{' '}
          Drover
        </Link>
        {onSignOut && (
          <nav aria-label="Main" className="app-nav">
            <Link href="/">Farms</Link>
          </nav>
        )}
        <div className="app-header-end">
          <span className="account-name" title="Account">
            {account.data?.name ?? ''}
          </span>
          {onSignOut && (
            <button type="button" className="button button-quiet" onClick={onSignOut} disabled={!signedIn}>
              Sign out
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
