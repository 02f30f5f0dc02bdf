'use client';
// The webhooks page: the environment's endpoints and webhooks sections, the once-only secret dialog.
import { useState } from 'react';
import { AppHeader } from '../../components/app-header';
import { EnvironmentPicker } from '../../components/environment-picker';
import { PageHeading } from '../../components/page-heading';
import { PermissionNote } from '../../components/permission-note';
import { ProblemNotice } from '../../components/problem-notice';
import { all, api } from '../../lib/api-client';
import { denial } from '../../lib/me-permissions';
import { useApi } from '../../lib/use-api';
import { useEnvironment } from '../../lib/use-environment';
import { useMe } from '../../lib/use-me';
import { useSession } from '../../lib/use-session';
import { type WebhookEndpointWithSecret, webhookApi } from '../../lib/webhook-api';
import { SecretDialog, type ShownSecret } from './secret-dialog';
import { EndpointsSection, WebhooksSection } from './webhooks-sections';

export function WebhooksPageClient() {
  const session = useSession();
  const signedIn = session.state === 'signed-in';
  const env = useEnvironment(signedIn);
  const environmentId = env.current?.id;
  const endpoints = useApi(environmentId ? `webhook-endpoints:${environmentId}` : null, (signal) =>
    webhookApi.allEndpoints(environmentId!, signal),
  );
  const webhooks = useApi(environmentId ? `webhooks:${environmentId}` : null, (signal) =>
    webhookApi.allWebhooks(environmentId!, signal),
  );
  const farms = useApi(environmentId ? `farms-all:${environmentId}` : null, (signal) =>
    all((page) => api.listFarms(environmentId!, page, signal)),
  );
  const [secret, setSecret] = useState<ShownSecret>();
  const [notice, setNotice] = useState<string>();
  const me = useMe(signedIn);
  const readOnly = denial(me.data, 'webhooks:manage', environmentId);

  function showSecret(endpoint: WebhookEndpointWithSecret, rotated: boolean) {
    setSecret({
      secret: endpoint.signingSecret,
      url: endpoint.url,
      rotated,
      previousUntil: endpoint.previousSecretExpiresAt,
    });
  }

  const problem = env.error ?? endpoints.error ?? webhooks.error;
  return (
    <>
      <AppHeader signedIn={signedIn} onSignOut={session.signOut} />
      <main className="page" id="main">
        <PageHeading
          title="Webhooks"
          lede={
            <>
              Drover&apos;s events from {env.current?.name ?? 'this environment'}, POSTed and signed to your
              endpoints, retried, with every attempt kept.
            </>
          }
          actions={<EnvironmentPicker env={env} />}
        />
        {problem && (
          <ProblemNotice
            problem={problem}
            onRetry={() => {
              endpoints.reload();
              webhooks.reload();
            }}
          />
        )}
        <PermissionNote reason={readOnly} />
        <p className="notice notice-ok" role="status" hidden={!notice}>
          {notice}
        </p>

        <EndpointsSection
          environmentId={environmentId}
          readOnly={Boolean(readOnly)}
          setNotice={setNotice}
          endpoints={endpoints}
          showSecret={showSecret}
        />
        <WebhooksSection
          environmentId={environmentId}
          readOnly={Boolean(readOnly)}
          setNotice={setNotice}
          endpoints={endpoints.data}
          webhooks={webhooks}
          farms={farms.data}
        />
      </main>
      <SecretDialog shown={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
