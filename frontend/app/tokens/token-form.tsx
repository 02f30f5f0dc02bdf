'use client';
// A new API token: its name, how many days it lives, and optionally a narrower permission list
// than the user's own (the token then may do only what both allow). Validated with the API's
// ApiTokenInput first.
import { useState } from 'react';
import {
  API_TOKEN_MAX_DAYS,
  ApiTokenInput,
  TokenPermission,
} from '../../../functions/domain/access/api-token';
import { FormActions } from '../../components/form-actions';
import { CheckField, TextField } from '../../components/form-field';
import { ProblemNotice } from '../../components/problem-notice';
import { accessApi } from '../../lib/access-api';
import { errorsFromZod } from '../../lib/field-errors';
import { type Checked, useDraftForm } from '../../lib/use-draft-form';

const ALL_TOKEN_PERMISSIONS = TokenPermission.options.flatMap((o) => o.options) as TokenPermission[];

interface TokenDraft {
  name: string;
  expiresInDays: string;
  narrow: boolean;
  permissions: TokenPermission[];
}

function validate(draft: TokenDraft): Checked<ApiTokenInput> {
  const parsed = ApiTokenInput.safeParse({
    name: draft.name,
    expiresInDays: draft.expiresInDays.trim() === '' ? undefined : Number(draft.expiresInDays),
    permissions: draft.narrow ? draft.permissions : null,
  });
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

export function TokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: Awaited<ReturnType<typeof accessApi.createApiToken>>) => void;
  onCancel: () => void;
}) {
  const { draft, err, problem, saving, formRef, change, onSubmit } = useDraftForm({
    initial: (): TokenDraft => ({ name: '', expiresInDays: '90', narrow: false, permissions: [] }),
    validate,
    save: async (input: ApiTokenInput) => onCreated(await accessApi.createApiToken(input)),
    keyboard: true,
  });
  const [filter, setFilter] = useState('');
  const toggle = (p: TokenPermission, on: boolean) =>
    change({ permissions: on ? [...draft.permissions, p] : draft.permissions.filter((x) => x !== p) });

  return (
    <form
      ref={formRef}
      className="panel form-section"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="token-form-heading"
    >
      <h2 id="token-form-heading">New API token</h2>
      {problem && <ProblemNotice problem={problem} />}
      <div className="form-grid">
        <TextField
          id="token-name"
          label="Name"
          hint="What uses it, e.g. ci-deploy"
          error={err('name')}
          value={draft.name}
          onChange={(name) => change({ name })}
        />
        <TextField
          id="token-days"
          label="Expires in (days)"
          inputMode="numeric"
          hint={`1 to ${API_TOKEN_MAX_DAYS}`}
          error={err('expiresInDays')}
          value={draft.expiresInDays}
          onChange={(expiresInDays) => change({ expiresInDays })}
        />
      </div>
      <CheckField
        id="token-narrow"
        label="Limit it to some of my permissions"
        checked={draft.narrow}
        onChange={(narrow) => change({ narrow })}
      />
      {draft.narrow && (
        <fieldset className="check-group token-permissions" aria-describedby="token-permissions-error">
          <legend>Permissions</legend>
          <input
            className="token-filter"
            aria-label="Filter permissions"
            placeholder="Filter, e.g. farms"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <div className="check-list">
            {ALL_TOKEN_PERMISSIONS.filter((p) => p.includes(filter.trim())).map((p) => (
              <CheckField
                key={p}
                id={`token-permission-${p.replace(':', '-')}`}
                label={<span className="mono">{p}</span>}
                checked={draft.permissions.includes(p)}
                onChange={(on) => toggle(p, on)}
              />
            ))}
          </div>
          <p className="field-error" id="token-permissions-error">
            {err('permissions') ?? ''}
          </p>
        </fieldset>
      )}
      <FormActions saving={saving} saveLabel="Create token" onCancel={onCancel} />
    </form>
  );
}
