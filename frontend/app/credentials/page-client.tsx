'use client';
import { useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { CredentialsCard } from '../../components/credentials-card';
import { CredentialsForm } from '../../components/credentials-form';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { PermissionNote } from '../../components/permission-note';
import { ProblemNotice } from '../../components/problem-notice';
import { api } from '../../lib/api-client';
import { denial } from '../../lib/me-permissions';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';

export function CredentialsPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const list = useApi(environmentId ? `credentials:${environmentId}` : null, (signal) =>
    api.allCredentials(environmentId!, signal),
  );
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string>();
  const me = useMe(signedIn);
  const readOnly = denial(me.data, 'credentials:manage', environmentId);

  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Cloud credentials"
          lede={<>How Drover reaches each cloud for {env.current?.name ?? 'this environment'}.</>}
          actions={
            <>
              <EnvironmentPicker env={env} />
              {!readOnly && (
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => {
                    setAdding(true);
                    setNotice(undefined);
                  }}
                  disabled={adding || !environmentId}
                >
                  Add credentials
                </button>
              )}
            </>
          }
        />
        {(env.error ?? list.error) && (
          <ProblemNotice problem={(env.error ?? list.error)!} onRetry={list.reload} />
        )}
        <PermissionNote reason={readOnly} />
        <p className="notice notice-ok" role="status" hidden={!notice}>
          {notice}
        </p>
        {adding && environmentId && (
          <CredentialsForm
            environmentId={environmentId}
            onCancel={() => setAdding(false)}
            onSaved={(saved) => {
              setAdding(false);
              setNotice(`Added ${saved.name}. Its secret is stored encrypted and will not be shown again.`);
              list.reload();
            }}
          />
        )}
        <div className="card-grid" aria-busy={!list.data}>
          {!list.data && <div className="farm-role farm-role-placeholder" aria-hidden="true" />}
          {list.data?.map((c) => (
            <CredentialsCard
              key={`${c.id}:${c.version}`}
              credentials={c}
              onDeleted={list.reload}
              manage={!readOnly}
            />
          ))}
        </div>
        {list.data?.length === 0 && <p className="empty">No cloud credentials in {env.current?.name} yet.</p>}
      </main>
    </>
  );
}
