'use client';
// The bar on top of every page: the product name (home) and, on signed-in pages (those that
// pass `onSignOut`), the navigation, the account and sign-out.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { api } from '../lib/api-client';
import { useApi } from '../lib/use-api';

const NAV = [
  { href: '/dashboard/', label: 'Dashboard', match: (p: string) => p.startsWith('/dashboard') },
  { href: '/', label: 'Farms', match: (p: string) => p === '/' || p.startsWith('/farm') },
  { href: '/roles/', label: 'Roles', match: (p: string) => p.startsWith('/roles') },
  { href: '/credentials/', label: 'Credentials', match: (p: string) => p.startsWith('/credentials') },
  { href: '/webhooks/', label: 'Webhooks', match: (p: string) => p.startsWith('/webhooks') },
];

export function AppHeader({ signedIn, onSignOut }: { signedIn: boolean; onSignOut?: () => void }) {
  const account = useApi(signedIn ? 'account' : null, (signal) => api.getAccount(signal));
  const pathname = usePathname() ?? '/';
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
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} aria-current={item.match(pathname) ? 'page' : undefined}>
                {item.label}
              </Link>
            ))}
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
