'use client';
// The signed-in user's API tokens, newest first: what each may do, its state, when it was made,
// last used and expires; an active one can be revoked (confirmed).
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable, RowActions, RowButton } from '../../components/data-table';
import { ProblemNotice } from '../../components/problem-notice';
import { TimeAgo } from '../../components/time-ago';
import { type ApiToken, accessApi } from '../../lib/access-api';
import type { ApiState } from '../../lib/use-api';
import { useRowAction } from '../../lib/use-row-action';
import './token-table.css';

function stateOf(token: ApiToken): { label: string; badge: string } {
  if (token.revokedAt) return { label: 'revoked', badge: 'badge-off' };
  if (Date.parse(token.expiresAt) <= Date.now()) return { label: 'expired', badge: 'badge-warn' };
  return { label: 'active', badge: 'badge-ok' };
}

const COLUMNS: Column<ApiToken>[] = [
  {
    header: 'Name',
    cell: (t) => (
      <>
        <strong>{t.name}</strong>
        <span className="row-note">
          {t.permissions ? `limited to ${t.permissions.length} permission(s)` : 'everything you may do'}
        </span>
      </>
    ),
  },
  {
    header: 'State',
    width: '6.5rem',
    cell: (t) => {
      const state = stateOf(t);
      return <span className={`badge ${state.badge}`}>{state.label}</span>;
    },
  },
  { header: 'Created', cell: (t) => <TimeAgo iso={t.createdAt} /> },
  {
    header: 'Last used',
    cell: (t) => (t.lastUsedAt ? <TimeAgo iso={t.lastUsedAt} /> : <span className="muted">never</span>),
  },
  { header: 'Expires', cell: (t) => <TimeAgo iso={t.expiresAt} /> },
];

export function TokenTable({ tokens }: { tokens: ApiState<ApiToken[]> }) {
  const { asking: revoking, ask, dismiss, busy, problem, run } = useRowAction<ApiToken>();
  const revoke = (token: ApiToken) =>
    run(true, async () => {
      await accessApi.revokeApiToken(token.id);
      tokens.reload();
    });
  const shown = tokens.data && [...tokens.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      {problem && <ProblemNotice problem={problem} />}
      <section className="panel token-panel" aria-label="API tokens">
        <DataTable
          actionsWidth="8rem"
          className="token-table"
          align="middle"
          rows={shown}
          rowKey={(t) => t.id}
          rowAttributes={(t) => ({ 'data-token': t.id })}
          columns={COLUMNS}
          actions={(t) =>
            stateOf(t).label === 'active' && (
              <RowActions>
                <RowButton onClick={() => ask(t)}>
                  Revoke <span className="visually-hidden">{t.name}</span>
                </RowButton>
              </RowActions>
            )
          }
          empty="No API tokens yet."
          error={tokens.error}
          onRetry={tokens.reload}
        />
      </section>
      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        confirmLabel="Revoke token"
        danger
        busy={Boolean(busy)}
        onConfirm={() => revoking && revoke(revoking)}
        onClose={dismiss}
      >
        <p>Anything still using it is refused from now on (401). This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
