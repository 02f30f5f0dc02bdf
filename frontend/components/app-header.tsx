'use client';
// The bar on top of every page: the product name (home) and, on signed-in pages (those that
// pass `onSignOut`), the navigation, the account and sign-out. The navigation is the everyday
// sections plus one "Admin" menu for what IT sets up once (policies, access, tokens, credentials,
// webhooks, audit, variables, retention): a dozen links in one row would not fit a laptop, let alone a phone.
// On a phone even that folds behind a Menu button (nav-toggle.css).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api-client';
import { useApi } from '../lib/use-api';
import './app-header.css';
import './nav-toggle.css';

interface NavEntry {
  href: string;
  label: string;
  match: (path: string) => boolean;
}

const under = (prefix: string) => (path: string) => path.startsWith(prefix);

export const MAIN_NAV: NavEntry[] = [
  { href: '/dashboard/', label: 'Dashboard', match: under('/dashboard') },
  { href: '/', label: 'Farms', match: (p) => p === '/' || p.startsWith('/farm') },
  { href: '/roles/', label: 'Roles', match: under('/roles') },
  { href: '/scripts/', label: 'Scripts', match: under('/scripts') },
  { href: '/executions/', label: 'Executions', match: under('/executions') },
];

export const ADMIN_NAV: NavEntry[] = [
  { href: '/policies/', label: 'Policies', match: under('/policies') },
  { href: '/access/', label: 'Users & teams', match: under('/access') },
  { href: '/tokens/', label: 'API tokens', match: under('/tokens') },
  { href: '/credentials/', label: 'Credentials', match: under('/credentials') },
  { href: '/webhooks/', label: 'Webhooks', match: under('/webhooks') },
  { href: '/variables/', label: 'Variables', match: under('/variables') },
  { href: '/audit/', label: 'Audit', match: under('/audit') },
  { href: '/retention/', label: 'Retention', match: under('/retention') },
];

export function AppHeader({ signedIn, onSignOut }: { signedIn: boolean; onSignOut?: () => void }) {
  const account = useApi(signedIn ? 'account' : null, (signal) => api.getAccount(signal));
  const pathname = usePathname() ?? '/';
  // Phones show the navigation behind a Menu button (CSS hides the button on wider screens). The
  // menu remembers the page it was opened on, so following a link closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string>();
  const menuOpen = menuOpenOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpenOn(undefined);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <Link href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>{' '}
          Drover
        </Link>
        {/* Before the navigation it opens, so Tab goes from the button into the links. */}
        {onSignOut && (
          <button
            type="button"
            ref={menuButton}
            className="button button-quiet nav-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpenOn(menuOpen ? undefined : pathname)}
          >
            Menu
          </button>
        )}
        {onSignOut && (
          <nav aria-label="Main" className="app-nav" id="main-nav" data-open={menuOpen}>
            {MAIN_NAV.map((item) => (
              <Link key={item.href} href={item.href} aria-current={item.match(pathname) ? 'page' : undefined}>
                {item.label}
              </Link>
            ))}
            <AdminMenu pathname={pathname} />
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

/** A native disclosure (keyboard and screen readers get it for free) that closes on Escape and on a click elsewhere. */
function AdminMenu({ pathname }: { pathname: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const active = ADMIN_NAV.find((item) => item.match(pathname));
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        details.open = false;
        details.querySelector('summary')?.focus();
      } else if (!details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="nav-group" ref={ref}>
      <summary aria-current={active ? 'page' : undefined}>
        Admin{active ? <span className="nav-group-current">: {active.label}</span> : null}
      </summary>
      <ul className="nav-group-menu">
        {ADMIN_NAV.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.match(pathname) ? 'page' : undefined}
              onClick={() => {
                if (ref.current) ref.current.open = false;
              }}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
