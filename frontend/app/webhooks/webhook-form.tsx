'use client';
// Creates or edits a webhook: which endpoints get which events (lifecycle events ticked, custom
// event names typed, or every event), optional farm / farm role filters from the environment's
// farms, and the attempt limit. Validated with the API's WebhookInput first; the API's issues
// land under their field too.
import { WEBHOOK_LIMITS, WebhookInput } from '../../../functions/domain/schemas/webhook';
import { DraftForm } from '../../components/draft-form';
import { CheckField, NumberField } from '../../components/form-field';
import { NameFields } from '../../components/name-fields';
import type { Farm } from '../../lib/api-client';
import { checkWith, useDraftForm } from '../../lib/use-draft-form';
import { type Webhook, type WebhookEndpoint, webhookApi } from '../../lib/webhook-api';
import { emptyWebhook, toWebhookInput, type WebhookDraft, webhookDraftOf } from '../../lib/webhook-draft';
import { WebhookEndpointsAndEvents, WebhookFarmFilters } from './webhook-targets';

const validate = (draft: WebhookDraft) => checkWith(WebhookInput, toWebhookInput(draft));

export function WebhookForm({
  environmentId,
  editing,
  endpoints,
  farms,
  onSaved,
  onCancel,
}: {
  environmentId: string;
  editing?: Webhook;
  endpoints: WebhookEndpoint[];
  farms: Farm[] | undefined;
  onSaved: (saved: Webhook) => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: () => (editing ? webhookDraftOf(editing) : emptyWebhook()),
    validate,
    save: async (input: WebhookInput) =>
      onSaved(
        editing
          ? await webhookApi.updateWebhook(editing, input)
          : await webhookApi.createWebhook(environmentId, input),
      ),
    keyboard: true,
  });
  const { draft, err, change } = form;
  return (
    <DraftForm
      form={form}
      id="webhook-form"
      title={editing ? `Edit ${editing.name}` : 'New webhook'}
      level={2}
      saveLabel={editing ? 'Save webhook' : 'Create webhook'}
      onCancel={onCancel}
    >
      <NameFields
        idPrefix="webhook"
        name={draft.name}
        description={draft.description}
        err={err}
        onChange={change}
      />
      <WebhookEndpointsAndEvents draft={draft} err={err} change={change} endpoints={endpoints} />
      <WebhookFarmFilters draft={draft} err={err} change={change} farms={farms} />
      <div className="form-grid">
        <NumberField
          id="webhook-max-attempts"
          label="Attempt limit"
          error={err('maxAttempts')}
          hint={`${WEBHOOK_LIMITS.attemptsMin}–${WEBHOOK_LIMITS.attemptsMax} tries per delivery, with backoff; the timeout of each is the endpoint's`}
          type="number"
          min={WEBHOOK_LIMITS.attemptsMin}
          max={WEBHOOK_LIMITS.attemptsMax}
          value={draft.maxAttempts}
          onChange={(value) => change({ maxAttempts: value })}
        />
        <div className="field field-check-end">
          <CheckField
            id="webhook-enabled"
            label="Enabled"
            checked={draft.enabled}
            onChange={(enabled) => change({ enabled })}
          />
        </div>
      </div>
    </DraftForm>
  );
}
