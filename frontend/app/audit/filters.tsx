'use client';
// The audit page's filters: environment, resource type and time as selects, user, resource id
// and action as text; applied together on submit so typing does not fire a request per key.
import { type FormEvent, useState } from 'react';
import type { Environment } from '../../lib/api-client';
import type { AuditFilters } from '../../lib/audit-api';

export const SINCE_CHOICES = [
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { value: 'all', label: 'All time', ms: 0 },
] as const;
export type Since = (typeof SINCE_CHOICES)[number]['value'];

const RESOURCE_TYPES = [
  ['farm', 'Farms'],
  ['server', 'Servers'],
  ['role', 'Roles'],
  ['credentials', 'Cloud credentials'],
  ['environment', 'Environments'],
  ['webhookEndpoint', 'Webhook endpoints'],
  ['webhook', 'Webhooks'],
  ['policy', 'Policies'],
  ['user', 'Users'],
  ['team', 'Teams'],
  ['apiToken', 'API tokens'],
] as const;

export type FilterDraft = Omit<AuditFilters, 'from'> & { since: Since };

export const EMPTY_FILTERS: FilterDraft = { since: 'all' };

export function AuditFilterForm({
  value,
  environments,
  onApply,
}: {
  value: FilterDraft;
  environments: Environment[] | undefined;
  onApply: (filters: FilterDraft) => void;
}) {
  const [draft, setDraft] = useState<FilterDraft>(value);
  const set = (patch: Partial<FilterDraft>) => setDraft((d) => ({ ...d, ...patch }));
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }
  return (
    <form className="panel audit-filters" onSubmit={submit} aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor="audit-env">Environment</label>
        <select
          id="audit-env"
          value={draft.environmentId ?? ''}
          onChange={(e) => set({ environmentId: e.target.value || undefined })}
        >
          <option value="">All environments</option>
          {environments?.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-type">Resource</label>
        <select
          id="audit-type"
          value={draft.resourceType ?? ''}
          onChange={(e) => set({ resourceType: e.target.value || undefined })}
        >
          <option value="">Any kind</option>
          {RESOURCE_TYPES.map(([type, label]) => (
            <option key={type} value={type}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-resource">Resource id</label>
        <input
          id="audit-resource"
          value={draft.resourceId ?? ''}
          placeholder="farm-…"
          onChange={(e) => set({ resourceId: e.target.value.trim() || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-user">User</label>
        <input
          id="audit-user"
          value={draft.userId ?? ''}
          placeholder="usr-…"
          onChange={(e) => set({ userId: e.target.value.trim() || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input
          id="audit-action"
          value={draft.action ?? ''}
          placeholder="updateFarm"
          onChange={(e) => set({ action: e.target.value.trim() || undefined })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-since">When</label>
        <select
          id="audit-since"
          value={draft.since}
          onChange={(e) => set({ since: e.target.value as Since })}
        >
          {SINCE_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="audit-filter-actions">
        <button type="submit" className="button button-primary">
          Apply
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Reset
        </button>
      </div>
    </form>
  );
}
