'use client';
// The "what and where" of a webhook form: the endpoints that get its deliveries, the events it
// sends (lifecycle events ticked, custom names typed, or every event), and the optional farm and
// farm role filters from the environment's farms.
import { LIFECYCLE_EVENTS } from '../../../functions/domain/schemas/webhook';
import { CheckGroup, CheckList } from '../../components/form-choices';
import { CheckField, TextField } from '../../components/form-field';
import type { Farm } from '../../lib/api-client';
import type { DraftPartProps } from '../../lib/use-draft-form';
import type { WebhookEndpoint } from '../../lib/webhook-api';
import { toggled, type WebhookDraft } from '../../lib/webhook-draft';

type PartProps = DraftPartProps<WebhookDraft>;

export function WebhookEndpointsAndEvents({
  draft,
  err,
  change,
  endpoints,
}: PartProps & { endpoints: WebhookEndpoint[] }) {
  const everything = draft.events.includes('*');
  return (
    <>
      <CheckGroup
        id="webhook-endpoints"
        legend="Endpoints"
        error={err('endpointIds')}
        hint={endpoints.length === 0 ? 'Add an endpoint first.' : 'Each event goes to every endpoint ticked.'}
      >
        <CheckList
          idPrefix="webhook-endpoint"
          className="check-list endpoint-list"
          labelClassName="mono"
          choices={endpoints.map((e) => ({
            value: e.id,
            label: (
              <>
                {e.url}
                {!e.enabled && ' (disabled)'}
              </>
            ),
          }))}
          value={draft.endpointIds}
          onChange={(endpointIds) => change({ endpointIds })}
          invalid={Boolean(err('endpointIds'))}
        />
      </CheckGroup>

      <CheckGroup id="webhook-events" legend="Events" error={err('events')}>
        <CheckField
          id="webhook-event-any"
          label="Every event (*), including custom ones"
          checked={everything}
          onChange={(on) => change({ events: toggled(draft.events, '*', on) })}
        />
        <CheckList
          idPrefix="webhook-event"
          className="check-list event-list"
          disabled={everything}
          choices={LIFECYCLE_EVENTS.map((name) => ({ value: name as string, label: name }))}
          value={everything ? [...LIFECYCLE_EVENTS] : draft.events}
          onChange={(events) => change({ events })}
          invalid={Boolean(err('events'))}
        />
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
    </>
  );
}

export function WebhookFarmFilters({ draft, err, change, farms }: PartProps & { farms: Farm[] | undefined }) {
  const chosenFarms = (farms ?? []).filter((f) => draft.farmIds.includes(f.id));
  const setFarms = (farmIds: string[]) => {
    // A farm role filter of a farm no longer chosen could never match: drop it.
    const kept = new Set(
      (farms ?? []).filter((x) => farmIds.includes(x.id)).flatMap((x) => x.farmRoles.map((fr) => fr.id)),
    );
    change({ farmIds, farmRoleIds: draft.farmRoleIds.filter((id) => kept.has(id)) });
  };
  return (
    <>
      <CheckGroup
        id="webhook-farms"
        legend="Only these farms (optional)"
        error={err('farmIds')}
        hint="None ticked: every farm, and events that belong to no farm."
      >
        {!farms && <p className="muted">Loading farms…</p>}
        {farms?.length === 0 && <p className="muted">No farms in this environment.</p>}
        <CheckList
          idPrefix="webhook-farm"
          choices={(farms ?? []).map((f) => ({ value: f.id, label: f.name }))}
          value={draft.farmIds}
          onChange={setFarms}
        />
      </CheckGroup>

      {chosenFarms.length > 0 && (
        <CheckGroup
          id="webhook-farm-roles"
          legend="Only these farm roles (optional)"
          error={err('farmRoleIds')}
          hint="None ticked: every farm role of the farms above."
        >
          <CheckList
            idPrefix="webhook-farm-role"
            choices={chosenFarms.flatMap((f) =>
              f.farmRoles.flatMap((fr) =>
                fr.id ? [{ value: fr.id, label: `${f.name} / ${fr.alias}` }] : [],
              ),
            )}
            value={draft.farmRoleIds}
            onChange={(farmRoleIds) => change({ farmRoleIds })}
          />
        </CheckGroup>
      )}
    </>
  );
}
