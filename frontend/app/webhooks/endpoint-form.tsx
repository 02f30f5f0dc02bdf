'use client';
// Adds a webhook endpoint, or edits one (its secret stays): URL, description, custom headers and
// timeout, validated with the API's WebhookEndpointInput before anything is sent; the API's
// 400/422 issues (a URL refused as a private address in hosted mode) land under their field.
import { WEBHOOK_LIMITS, WebhookEndpointInput } from '../../../functions/domain/schemas/webhook';
import { DraftForm } from '../../components/draft-form';
import { CheckField, NumberField, TextAreaField, TextField } from '../../components/form-field';
import type { FieldErrors } from '../../lib/field-errors';
import { type Checked, checkWith, useDraftForm } from '../../lib/use-draft-form';
import { type WebhookEndpoint, type WebhookEndpointWithSecret, webhookApi } from '../../lib/webhook-api';
import { type EndpointDraft, emptyEndpoint, endpointDraftOf, toEndpointInput } from '../../lib/webhook-draft';

function validate(draft: EndpointDraft): Checked<WebhookEndpointInput> {
  const converted = toEndpointInput(draft);
  if ('headersError' in converted) return { errors: { headers: converted.headersError } };
  return checkWith(WebhookEndpointInput, converted.input);
}

/** A header's error names the header (`headers.X-Team`): say which one under the field. */
function headersError(errors: FieldErrors): string | undefined {
  if (errors.headers) return errors.headers;
  const entry = Object.entries(errors).find(([path]) => path.startsWith('headers.'));
  return entry && `${entry[0].slice('headers.'.length)} ${entry[1]}`;
}

export function EndpointForm({
  environmentId,
  editing,
  onCreated,
  onUpdated,
  onCancel,
}: {
  environmentId: string;
  editing?: WebhookEndpoint;
  onCreated: (created: WebhookEndpointWithSecret) => void;
  onUpdated: (updated: WebhookEndpoint) => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: () => (editing ? endpointDraftOf(editing) : emptyEndpoint()),
    validate,
    save: async (input: WebhookEndpointInput) => {
      if (editing) onUpdated(await webhookApi.updateEndpoint(editing, input));
      else onCreated(await webhookApi.createEndpoint(environmentId, input));
    },
    keyboard: true,
  });
  const { draft, errors, err, change } = form;
  return (
    <DraftForm
      form={form}
      id="endpoint-form"
      title={editing ? 'Edit endpoint' : 'Add an endpoint'}
      level={2}
      saveLabel="Save endpoint"
      onCancel={onCancel}
    >
      <TextField
        id="endpoint-url"
        label="URL"
        error={err('url')}
        hint="Where Drover POSTs each event, signed. Hosted Drover needs https and a public address."
        type="url"
        inputMode="url"
        placeholder="https://hooks.example.com/drover"
        spellCheck={false}
        value={draft.url}
        onChange={(url) => change({ url })}
      />
      <div className="form-grid">
        <TextField
          id="endpoint-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(description) => change({ description })}
        />
        <NumberField
          id="endpoint-timeout"
          label="Timeout (seconds)"
          error={err('timeoutSeconds')}
          hint={`${WEBHOOK_LIMITS.timeoutSecondsMin}–${WEBHOOK_LIMITS.timeoutSecondsMax}; a slower answer counts as failed and is retried`}
          type="number"
          min={WEBHOOK_LIMITS.timeoutSecondsMin}
          max={WEBHOOK_LIMITS.timeoutSecondsMax}
          value={draft.timeoutSeconds}
          onChange={(timeoutSeconds) => change({ timeoutSeconds })}
        />
      </div>
      <TextAreaField
        id="endpoint-headers"
        label="Custom headers (optional)"
        error={headersError(errors)}
        hint="One per line, as Name: value (e.g. X-Team: ops). Values are write-only: a saved one shows as ****** and is kept unless you replace it. Drover-* and hop-by-hop headers are reserved."
        rows={3}
        className="mono"
        spellCheck={false}
        value={draft.headers}
        onChange={(headers) => change({ headers })}
      />
      <CheckField
        id="endpoint-enabled"
        label="Enabled (deliver events to it)"
        checked={draft.enabled}
        onChange={(enabled) => change({ enabled })}
      />
    </DraftForm>
  );
}
