'use client';
import { useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeading } from '../../components/page-heading';
import { PlaceholderRow } from '../../components/placeholder-row';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { type ApiToken, accessApi } from '../../lib/access-api';
import { ApiProblem } from '../../lib/api-problem';
import { useApi } from '../../lib/use-api';
import { useSession } from '../../lib/use-session';
import { TokenForm } from './token-form';
import { TokenSecretDialog } from './token-secret-dialog';

function stateOf(token: ApiToken): { label: string; badge: string } {
  if (token.revokedAt) return { label: 'revoked', badge: 'badge-off' };
  if (Date.parse(token.expiresAt) <= Date.now()) return { label: 'expired', badge: 'badge-warn' };
  return { label: 'active', badge: 'badge-ok' };
}

export function TokensPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const tokens = useApi(signedIn ? 'api-tokens' : null, (signal) => accessApi.apiTokens(signal));
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string }>();
  const [revoking, setRevoking] = useState<ApiToken>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  async function revoke(token: ApiToken) {
    setBusy(true);
    setProblem(undefined);
    try {
      await accessApi.revokeApiToken(token.id);
      tokens.reload();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : ApiProblem.network(error));
    } finally {
      setBusy(false);
      setRevoking(undefined);
    }
  }

  const shown = tokens.data && [...tokens.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
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
        {tokens.error && <ProblemNotice problem={tokens.error} onRetry={tokens.reload} />}
        {problem && <ProblemNotice problem={problem} />}
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
        <section className="panel token-panel" aria-label="API tokens">
          <table className="data-table card-table token-table" aria-busy={!tokens.data}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">State</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {!shown && <PlaceholderRow cells={6} />}
              {shown?.map((t) => {
                const state = stateOf(t);
                return (
                  <tr key={t.id} data-token={t.id}>
                    <td data-label="Name">
                      <strong>{t.name}</strong>
                      <span className="row-note">
                        {t.permissions
                          ? `limited to ${t.permissions.length} permission(s)`
                          : 'everything you may do'}
                      </span>
                    </td>
                    <td data-label="State">
                      <span className={`badge ${state.badge}`}>{state.label}</span>
                    </td>
                    <td data-label="Created">
                      <TimeAgo iso={t.createdAt} />
                    </td>
                    <td data-label="Last used">
                      {t.lastUsedAt ? <TimeAgo iso={t.lastUsedAt} /> : <span className="muted">never</span>}
                    </td>
                    <td data-label="Expires">
                      <TimeAgo iso={t.expiresAt} />
                    </td>
                    <td className="actions-cell">
                      {state.label === 'active' && (
                        <div className="row-actions">
                          <button
                            type="button"
                            className="button button-quiet"
                            onClick={() => setRevoking(t)}
                          >
                            Revoke <span className="visually-hidden">{t.name}</span>
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shown?.length === 0 && <p className="empty">No API tokens yet.</p>}
        </section>
      </main>
      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        confirmLabel="Revoke token"
        danger
        busy={busy}
        onConfirm={() => revoking && revoke(revoking)}
        onClose={() => setRevoking(undefined)}
      >
        <p>Anything still using it is refused from now on (401). This cannot be undone.</p>
      </ConfirmDialog>
      <TokenSecretDialog shown={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
