'use client';
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
import {
  type Webhook,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  webhookApi,
} from '../../lib/webhook-api';
import { EndpointForm } from './endpoint-form';
import { EndpointTable } from './endpoint-table';
import { SecretDialog, type ShownSecret } from './secret-dialog';
import { WebhookForm } from './webhook-form';
import { WebhookTable } from './webhook-table';

type Editing<T> = { item?: T } | undefined;

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
  const [endpointForm, setEndpointForm] = useState<Editing<WebhookEndpoint>>();
  const [webhookForm, setWebhookForm] = useState<Editing<Webhook>>();
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

        <section aria-labelledby="endpoints-heading" className="wh-section">
          <div className="section-heading">
            <h2 id="endpoints-heading">Endpoints</h2>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setEndpointForm({});
                setNotice(undefined);
              }}
              disabled={Boolean(endpointForm) || !environmentId}
              hidden={Boolean(readOnly)}
            >
              Add endpoint
            </button>
          </div>
          {endpointForm && environmentId && (
            <EndpointForm
              key={endpointForm.item?.id ?? 'new'}
              environmentId={environmentId}
              editing={endpointForm.item}
              onCancel={() => setEndpointForm(undefined)}
              onCreated={(created) => {
                setEndpointForm(undefined);
                showSecret(created, false);
                endpoints.reload();
              }}
              onUpdated={(updated) => {
                setEndpointForm(undefined);
                setNotice(`Saved ${updated.url}.`);
                endpoints.reload();
              }}
            />
          )}
          <div className="panel wh-panel">
            <EndpointTable
              endpoints={endpoints.data}
              onChanged={endpoints.reload}
              onSecret={(rotated) => showSecret(rotated, true)}
              manage={!readOnly}
              onEdit={(item) => {
                setEndpointForm({ item });
                setNotice(undefined);
              }}
            />
          </div>
        </section>

        <section aria-labelledby="webhooks-heading" className="wh-section">
          <div className="section-heading">
            <h2 id="webhooks-heading">Webhooks</h2>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setWebhookForm({});
                setNotice(undefined);
              }}
              disabled={Boolean(webhookForm) || !environmentId || !endpoints.data}
              hidden={Boolean(readOnly)}
            >
              New webhook
            </button>
          </div>
          {webhookForm && environmentId && endpoints.data && (
            <WebhookForm
              key={webhookForm.item?.id ?? 'new'}
              environmentId={environmentId}
              editing={webhookForm.item}
              endpoints={endpoints.data}
              farms={farms.data}
              onCancel={() => setWebhookForm(undefined)}
              onSaved={(saved) => {
                setWebhookForm(undefined);
                setNotice(`Saved webhook ${saved.name}.`);
                webhooks.reload();
              }}
            />
          )}
          <div className="panel wh-panel">
            <WebhookTable
              webhooks={webhooks.data}
              endpoints={endpoints.data ?? []}
              farms={farms.data ?? []}
              onEdit={(item) => {
                setWebhookForm({ item });
                setNotice(undefined);
              }}
              onDeleted={webhooks.reload}
              manage={!readOnly}
            />
          </div>
        </section>
      </main>
      <SecretDialog shown={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
