'use client';
import { useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { PageHeading } from '../../components/page-heading';
import { accessApi } from '../../lib/access-api';
import { useApi } from '../../lib/use-api';
import { useSession } from '../../lib/use-session';
import { TokenForm } from './token-form';
import { TokenSecretDialog } from './token-secret-dialog';
import { TokenTable } from './token-table';

export function TokensPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const tokens = useApi(signedIn ? 'api-tokens' : null, (signal) => accessApi.apiTokens(signal));
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string }>();

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="API tokens"
          lede="For the drover CLI and automation. A token acts as you, or as less than you when limited."
          actions={
            <button
              type="button"
              className="button button-primary"
              onClick={() => setAdding(true)}
              disabled={adding || !signedIn}
            >
              New token
            </button>
          }
        />
        {adding && (
          <TokenForm
            onCancel={() => setAdding(false)}
            onCreated={(created) => {
              setAdding(false);
              setSecret({ name: created.name, secret: created.secret });
              tokens.reload();
            }}
          />
        )}
        <TokenTable tokens={tokens} />
      </main>
      <TokenSecretDialog shown={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
