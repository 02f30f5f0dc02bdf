'use client';
// The retention settings as one form: a number of days per kind with its bounds beside it,
// checked with the API's own schema before saving (so the bounds shown are the ones enforced),
// saved with the ETag it was read with. The API's refusals land under their field too.
import { useState } from 'react';
import { FormField } from '../../components/form-field';
import { ProblemNotice } from '../../components/problem-notice';
import type { Tagged } from '../../lib/api-client';
import { errorsFromZod } from '../../lib/field-errors';
import {
  RETENTION_KINDS,
  RETENTION_LIMITS,
  RetentionInput,
  type RetentionKind,
  type RetentionSettings,
  retentionApi,
} from '../../lib/retention-api';
import { type Checked, useDraftForm } from '../../lib/use-draft-form';

type Draft = Record<RetentionKind, string>;

const toDraft = (s: RetentionSettings): Draft =>
  Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, String(s[kind])])) as Draft;

function validate(draft: Draft): Checked<RetentionInput> {
  // An empty box is "missing", not 0 days; anything else goes to the schema as the number typed.
  const candidate = Object.fromEntries(
    RETENTION_KINDS.map((kind) => [kind, draft[kind].trim() === '' ? undefined : Number(draft[kind])]),
  );
  const parsed = RetentionInput.safeParse(candidate);
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

export function RetentionForm({ loaded, canEdit }: { loaded: Tagged<RetentionSettings>; canEdit: boolean }) {
  const [current, setCurrent] = useState(loaded);
  const [saved, setSaved] = useState(false);
  const form = useDraftForm({
    initial: () => toDraft(loaded.data),
    validate,
    save: async (input: RetentionInput) => {
      const written = await retentionApi.put(input, current.etag ?? `"${current.data.version}"`);
      setCurrent(written);
      form.setDraft(toDraft(written.data));
      setSaved(true);
    },
  });
  const { draft, err, problem, saving, change, onSubmit, formRef } = form;
  const { data } = current;
  return (
    <form
      ref={formRef}
      className="panel form-section"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="retention-heading"
    >
      <h2 id="retention-heading">Days kept</h2>
      {problem && <ProblemNotice problem={problem} />}
      <p className="notice notice-ok" role="status" hidden={!saved}>
        {saved && 'Saved. Records written from now on are kept this long; earlier ones keep their dates.'}
      </p>
      <p className="muted">
        {data.version === 0
          ? 'These are the defaults: nobody has changed them for this account.'
          : `Version ${data.version}, saved ${data.updatedAt ? new Date(data.updatedAt).toLocaleString() : ''}.`}
      </p>
      <div className="form-grid">
        {RETENTION_KINDS.map((kind) => {
          const { label, min, max, default: byDefault } = RETENTION_LIMITS[kind];
          return (
            <FormField
              key={kind}
              id={`retention-${kind}`}
              label={`${label} (days)`}
              error={err(kind)}
              hint={`${min} to ${max} days; ${byDefault} by default`}
            >
              {(p) => (
                <input
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={min}
                  max={max}
                  step={1}
                  value={draft[kind]}
                  disabled={!canEdit}
                  onChange={(e) => {
                    setSaved(false);
                    change({ [kind]: e.target.value } as Partial<Draft>);
                  }}
                />
              )}
            </FormField>
          );
        })}
      </div>
      {canEdit && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save retention'}
          </button>
        </div>
      )}
    </form>
  );
}
