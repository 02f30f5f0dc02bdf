// `/tokens/`: the signed-in user's API tokens for the CLI and automation: create (the secret is
// shown once), see when each was last used, revoke.
import type { Metadata } from 'next';
import { TokensPageClient } from './page-client';
import './tokens.css';

export const metadata: Metadata = { title: 'API tokens' };

export default function TokensPage() {
  return <TokensPageClient />;
}
