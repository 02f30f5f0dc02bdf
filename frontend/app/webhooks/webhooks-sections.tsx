'use client';
// The two sections of the webhooks page: endpoints (add/edit form, table with test, rotate,
// enable and delete) and webhooks (add/edit form, table). A saved endpoint's new secret goes to
// the page's once-only dialog; a saved edit says so in the page's notice.
import { useState } from 'react';
import { SectionHeading } from '../../components/section-heading';
import type { Farm } from '../../lib/api-client';
import type { ApiState } from '../../lib/use-api';
import type { Webhook, WebhookEndpoint, WebhookEndpointWithSecret } from '../../lib/webhook-api';
import { EndpointForm } from './endpoint-form';
import { EndpointTable } from './endpoint-table';
import { WebhookForm } from './webhook-form';
import { WebhookTable } from './webhook-table';

type Editing<T> = { item?: T } | undefined;

interface SectionProps {
  environmentId: string | undefined;
  readOnly: boolean;
  setNotice: (notice: string | undefined) => void;
}

export function EndpointsSection({
  environmentId,
  readOnly,
  setNotice,
  endpoints,
  showSecret,
}: SectionProps & {
  endpoints: ApiState<WebhookEndpoint[]>;
  showSecret: (endpoint: WebhookEndpointWithSecret, rotated: boolean) => void;
}) {
  const [form, setForm] = useState<Editing<WebhookEndpoint>>();
  const open = (editing: Editing<WebhookEndpoint>) => {
    setForm(editing);
    setNotice(undefined);
  };
  return (
    <section aria-labelledby="endpoints-heading" className="wh-section">
      <SectionHeading
        id="endpoints-heading"
        title="Endpoints"
        addLabel="Add endpoint"
        onAdd={() => open({})}
        disabled={Boolean(form) || !environmentId}
        hidden={readOnly}
      />
      {form && environmentId && (
        <EndpointForm
          key={form.item?.id ?? 'new'}
          environmentId={environmentId}
          editing={form.item}
          onCancel={() => setForm(undefined)}
          onCreated={(created) => {
            setForm(undefined);
            showSecret(created, false);
            endpoints.reload();
          }}
          onUpdated={(updated) => {
            setForm(undefined);
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
          onEdit={(item) => open({ item })}
        />
      </div>
    </section>
  );
}

export function WebhooksSection({
  environmentId,
  readOnly,
  setNotice,
  endpoints,
  webhooks,
  farms,
}: SectionProps & {
  endpoints: WebhookEndpoint[] | undefined;
  webhooks: ApiState<Webhook[]>;
  farms: Farm[] | undefined;
}) {
  const [form, setForm] = useState<Editing<Webhook>>();
  const open = (editing: Editing<Webhook>) => {
    setForm(editing);
    setNotice(undefined);
  };
  return (
    <section aria-labelledby="webhooks-heading" className="wh-section">
      <SectionHeading
        id="webhooks-heading"
        title="Webhooks"
        addLabel="New webhook"
        onAdd={() => open({})}
        disabled={Boolean(form) || !environmentId || !endpoints}
        hidden={readOnly}
      />
      {form && environmentId && endpoints && (
        <WebhookForm
          key={form.item?.id ?? 'new'}
          environmentId={environmentId}
          editing={form.item}
          endpoints={endpoints}
          farms={farms}
          onCancel={() => setForm(undefined)}
          onSaved={(saved) => {
            setForm(undefined);
            setNotice(`Saved webhook ${saved.name}.`);
            webhooks.reload();
          }}
        />
      )}
      <div className="panel wh-panel">
        <WebhookTable
          webhooks={webhooks.data}
          endpoints={endpoints ?? []}
          farms={farms ?? []}
          onEdit={(item) => open({ item })}
          onDeleted={webhooks.reload}
          manage={!readOnly}
        />
      </div>
    </section>
  );
}
