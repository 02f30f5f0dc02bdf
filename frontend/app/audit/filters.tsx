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

/** The free-text filters, in the form's order. */
const TEXT_FILTERS = [
  { id: 'audit-resource', label: 'Resource id', placeholder: 'farm-…', key: 'resourceId' },
  { id: 'audit-user', label: 'User', placeholder: 'usr-…', key: 'userId' },
  { id: 'audit-action', label: 'Action', placeholder: 'updateFarm', key: 'action' },
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
      <EnvironmentFilter
        environments={environments}
        value={draft.environmentId}
        onChange={(environmentId) => set({ environmentId })}
      />
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
      {TEXT_FILTERS.map(({ id, label, placeholder, key }) => (
        <TextFilter
          key={id}
          id={id}
          label={label}
          placeholder={placeholder}
          value={draft[key]}
          onChange={(text) => set({ [key]: text })}
        />
      ))}
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
      <FilterActions
        onReset={() => {
          setDraft(EMPTY_FILTERS);
          onApply(EMPTY_FILTERS);
        }}
      />
    </form>
  );
}

// A free-text filter: blank means "any", so what is typed is trimmed and an empty box is undefined.
function TextFilter({
  id,
  label,
  placeholder,
  value,
  onChange,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value ?? ''}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value.trim() || undefined)}
      />
    </div>
  );
}

function EnvironmentFilter({
  environments,
  value,
  onChange,
}: {
  environments: Environment[] | undefined;
  value: string | undefined;
  onChange: (environmentId: string | undefined) => void;
}) {
  return (
    <div className="field">
      <label htmlFor="audit-env">Environment</label>
      <select id="audit-env" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">All environments</option>
        {environments?.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterActions({ onReset }: { onReset: () => void }) {
  return (
    <div className="audit-filter-actions">
      <button type="submit" className="button button-primary">
        Apply
      </button>
      <button type="button" className="button button-quiet" onClick={onReset}>
        Reset
      </button>
    </div>
  );
}
