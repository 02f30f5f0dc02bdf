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
import { DraftForm } from '../../components/draft-form';
import { CheckList } from '../../components/form-choices';
import { CheckField, NumberField, TextField } from '../../components/form-field';
import { accessApi } from '../../lib/access-api';
import { checkWith, useDraftForm } from '../../lib/use-draft-form';

const ALL_TOKEN_PERMISSIONS = TokenPermission.options.flatMap((o) => o.options) as TokenPermission[];

interface TokenDraft {
  name: string;
  expiresInDays: string;
  narrow: boolean;
  permissions: TokenPermission[];
}

const validate = (draft: TokenDraft) =>
  checkWith(ApiTokenInput, {
    name: draft.name,
    expiresInDays: draft.expiresInDays.trim() === '' ? undefined : Number(draft.expiresInDays),
    permissions: draft.narrow ? draft.permissions : null,
  });

export function TokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: Awaited<ReturnType<typeof accessApi.createApiToken>>) => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: (): TokenDraft => ({ name: '', expiresInDays: '90', narrow: false, permissions: [] }),
    validate,
    save: async (input: ApiTokenInput) => onCreated(await accessApi.createApiToken(input)),
    keyboard: true,
  });
  const { draft, err, change } = form;
  const [filter, setFilter] = useState('');

  return (
    <DraftForm
      form={form}
      id="token-form"
      title="New API token"
      level={2}
      saveLabel="Create token"
      onCancel={onCancel}
    >
      <div className="form-grid">
        <TextField
          id="token-name"
          label="Name"
          hint="What uses it, e.g. ci-deploy"
          error={err('name')}
          value={draft.name}
          onChange={(name) => change({ name })}
        />
        <NumberField
          id="token-days"
          label="Expires in (days)"
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
          <CheckList
            idPrefix="token-permission"
            choices={ALL_TOKEN_PERMISSIONS.filter((p) => p.includes(filter.trim())).map((p) => ({
              value: p,
              label: <span className="mono">{p}</span>,
            }))}
            value={draft.permissions}
            onChange={(permissions) => change({ permissions })}
          />
          <p className="field-error" id="token-permissions-error">
            {err('permissions') ?? ''}
          </p>
        </fieldset>
      )}
    </DraftForm>
  );
}
