'use client';
// Creates or edits a webhook: which endpoints get which events (lifecycle events ticked, custom
// event names typed, or every event), optional farm / farm role filters from the environment's
// farms, and the attempt limit. Validated with the API's WebhookInput first; the API's issues
// land under their field too.
import { LIFECYCLE_EVENTS, WEBHOOK_LIMITS, WebhookInput } from '../../../functions/domain/schemas/webhook';
import { FormActions } from '../../components/form-actions';
import { CheckField, TextField } from '../../components/form-field';
import { ProblemNotice } from '../../components/problem-notice';
import type { Farm } from '../../lib/api-client';
import { errorsFromZod } from '../../lib/field-errors';
import { type Checked, useDraftForm } from '../../lib/use-draft-form';
import { type Webhook, type WebhookEndpoint, webhookApi } from '../../lib/webhook-api';
import {
  emptyWebhook,
  toggled,
  toWebhookInput,
  type WebhookDraft,
  webhookDraftOf,
} from '../../lib/webhook-draft';

function validate(draft: WebhookDraft): Checked<WebhookInput> {
  const parsed = WebhookInput.safeParse(toWebhookInput(draft));
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

/** A group of checkboxes with its legend and error line, like a FormField for one value. */
function CheckGroup({
  id,
  legend,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  legend: string;
  error?: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  return (
    <fieldset className={`check-group ${className ?? ''}`} id={id} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint muted" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      <p className="field-error" id={`${id}-error`}>
        {error ?? ''}
      </p>
    </fieldset>
  );
}

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
  const { draft, err, problem, saving, formRef, change, onSubmit } = useDraftForm({
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
  const invalid = (path: string) => Boolean(err(path));

  const everything = draft.events.includes('*');
  const chosenFarms = (farms ?? []).filter((f) => draft.farmIds.includes(f.id));
  return (
    <form
      ref={formRef}
      className="panel form-section"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="webhook-form-heading"
    >
      <h2 id="webhook-form-heading">{editing ? `Edit ${editing.name}` : 'New webhook'}</h2>
      {problem && <ProblemNotice problem={problem} />}
      <div className="form-grid">
        <TextField
          id="webhook-name"
          label="Name"
          error={err('name')}
          value={draft.name}
          onChange={(value) => change({ name: value })}
        />
        <TextField
          id="webhook-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(value) => change({ description: value })}
        />
      </div>

      <CheckGroup
        id="webhook-endpoints"
        legend="Endpoints"
        error={err('endpointIds')}
        hint={endpoints.length === 0 ? 'Add an endpoint first.' : 'Each event goes to every endpoint ticked.'}
      >
        <div className="check-list endpoint-list">
          {endpoints.map((e, i) => (
            <CheckField
              key={e.id}
              id={`webhook-endpoint-${e.id}`}
              label={
                <>
                  {e.url}
                  {!e.enabled && ' (disabled)'}
                </>
              }
              labelClassName="mono"
              checked={draft.endpointIds.includes(e.id)}
              onChange={(on) => change({ endpointIds: toggled(draft.endpointIds, e.id, on) })}
              invalid={i === 0 && invalid('endpointIds')}
            />
          ))}
        </div>
      </CheckGroup>

      <CheckGroup id="webhook-events" legend="Events" error={err('events')}>
        <CheckField
          id="webhook-event-any"
          label="Every event (*), including custom ones"
          checked={everything}
          onChange={(on) => change({ events: toggled(draft.events, '*', on) })}
        />
        <div className="check-list event-list">
          {LIFECYCLE_EVENTS.map((name, i) => (
            <CheckField
              key={name}
              id={`webhook-event-${name}`}
              label={name}
              disabled={everything}
              checked={everything || draft.events.includes(name)}
              onChange={(on) => change({ events: toggled(draft.events, name, on) })}
              invalid={i === 0 && invalid('events')}
            />
          ))}
        </div>
        <TextField
          id="webhook-custom-events"
          label="Custom events"
          hint="Names fired by your scripts, separated by commas (letters and digits)"
          placeholder="DeployFinished, BackupDone"
          spellCheck={false}
          value={draft.customEvents}
          onChange={(value) => change({ customEvents: value })}
        />
      </CheckGroup>

      <CheckGroup
        id="webhook-farms"
        legend="Only these farms (optional)"
        error={err('farmIds')}
        hint="None ticked: every farm, and events that belong to no farm."
      >
        {!farms && <p className="muted">Loading farms…</p>}
        {farms?.length === 0 && <p className="muted">No farms in this environment.</p>}
        <div className="check-list">
          {farms?.map((f) => (
            <CheckField
              key={f.id}
              id={`webhook-farm-${f.id}`}
              label={f.name}
              checked={draft.farmIds.includes(f.id)}
              onChange={(on) => {
                const farmIds = toggled(draft.farmIds, f.id, on);
                // A farm role filter of a farm no longer chosen could never match: drop it.
                const kept = new Set(
                  (farms ?? [])
                    .filter((x) => farmIds.includes(x.id))
                    .flatMap((x) => x.farmRoles.map((fr) => fr.id)),
                );
                change({ farmIds, farmRoleIds: draft.farmRoleIds.filter((id) => kept.has(id)) });
              }}
            />
          ))}
        </div>
      </CheckGroup>

      {chosenFarms.length > 0 && (
        <CheckGroup
          id="webhook-farm-roles"
          legend="Only these farm roles (optional)"
          error={err('farmRoleIds')}
          hint="None ticked: every farm role of the farms above."
        >
          <div className="check-list">
            {chosenFarms.flatMap((f) =>
              f.farmRoles
                .filter((fr) => fr.id)
                .map((fr) => (
                  <CheckField
                    key={fr.id}
                    id={`webhook-farm-role-${fr.id}`}
                    label={`${f.name} / ${fr.alias}`}
                    checked={draft.farmRoleIds.includes(fr.id!)}
                    onChange={(on) => change({ farmRoleIds: toggled(draft.farmRoleIds, fr.id!, on) })}
                  />
                )),
            )}
          </div>
        </CheckGroup>
      )}

      <div className="form-grid">
        <TextField
          id="webhook-max-attempts"
          label="Attempt limit"
          error={err('maxAttempts')}
          hint={`${WEBHOOK_LIMITS.attemptsMin}–${WEBHOOK_LIMITS.attemptsMax} tries per delivery, with backoff; the timeout of each is the endpoint's`}
          type="number"
          inputMode="numeric"
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
      <FormActions
        saving={saving}
        saveLabel={editing ? 'Save webhook' : 'Create webhook'}
        onCancel={onCancel}
      />
    </form>
  );
}
