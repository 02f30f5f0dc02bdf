'use client';
// Creates or edits a Governance policy: name, platform, enabled, and a form per rule kind
// (policy-rule-fields.tsx). Lists of regions, zones and instance types are chips picked from what
// the cloud behind one of the environment's credentials offers, or typed (`t3.*`). Validated with
// the API's PolicyInput first; the API's issues land under their field too.
import { useState } from 'react';
import { POLICY_RULE_KINDS, PolicyInput } from '../../../functions/domain/schemas/policy';
import { DraftForm } from '../../components/draft-form';
import { SelectField } from '../../components/form-choices';
import { CheckField, TextField } from '../../components/form-field';
import { ProblemNotice } from '../../components/problem-notice';
import type { CloudCredentials, Role } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { type Policy, policyApi } from '../../lib/policy-api';
import {
  emptyPolicy,
  type PolicyDraft,
  policyDraftOf,
  RULE_KIND_LABELS,
  toPolicyInput,
} from '../../lib/policy-draft';
import { checkWith, type DraftPartProps, useDraftForm } from '../../lib/use-draft-form';
import { RuleFields } from './policy-rule-fields';

const validate = (draft: PolicyDraft) => checkWith(PolicyInput, toPolicyInput(draft));

const kindChoices = POLICY_RULE_KINDS.map((kind) => ({ value: kind, label: RULE_KIND_LABELS[kind] }));
const platformChoices = [
  { value: 'aws', label: 'AWS' },
  { value: 'gce', label: 'GCE' },
  { value: 'openstack', label: 'OpenStack' },
  { value: 'cloudstack', label: 'CloudStack' },
];

type Reloaded = { policy: Policy } | { problem: ApiProblem } | undefined;

/** 412: someone saved the policy meanwhile; offers to load theirs as the base, keeping the edits. */
function StaleNotice({
  reloaded,
  onReload,
  onDiscard,
}: {
  reloaded: Reloaded;
  onReload: () => void;
  onDiscard: (policy: Policy) => void;
}) {
  return (
    <div className="notice notice-warn" role="alert">
      {reloaded && 'policy' in reloaded ? (
        <>
          <p className="notice-title">Loaded version {reloaded.policy.version}.</p>
          <p>Your edits are still in the form: save again to put them over it, or discard them.</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => onDiscard(reloaded.policy)}
          >
            Discard my edits
          </button>
        </>
      ) : (
        <>
          <p className="notice-title">Someone changed this policy since you opened it.</p>
          <p>Nothing was saved. Your edits are still in the form.</p>
          <button type="button" className="button button-secondary" onClick={onReload}>
            Reload and keep my edits
          </button>
        </>
      )}
      {reloaded && 'problem' in reloaded && <ProblemNotice problem={reloaded.problem} />}
    </div>
  );
}

function PolicyHead({ draft, err, change }: DraftPartProps<PolicyDraft>) {
  return (
    <>
      <div className="form-grid">
        <TextField
          id="policy-name"
          label="Name"
          error={err('name')}
          value={draft.name}
          onChange={(name) => change({ name })}
        />
        <SelectField
          id="policy-kind"
          label="Rule"
          error={err('rule') ?? err('rule.kind')}
          options={kindChoices}
          value={draft.kind}
          onChange={(value) => change({ kind: value as PolicyDraft['kind'] })}
        />
        <SelectField
          id="policy-platform"
          label="Platform"
          error={err('platform')}
          hint="A platform: only that cloud's farm roles."
          empty="Every platform"
          options={platformChoices}
          value={draft.platform}
          onChange={(value) => change({ platform: value as PolicyDraft['platform'] })}
        />
        <TextField
          id="policy-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(description) => change({ description })}
        />
      </div>
      <CheckField
        id="policy-enabled"
        label="Enabled: farms are checked against it on save and at launch"
        checked={draft.enabled}
        onChange={(enabled) => change({ enabled })}
      />
    </>
  );
}

export function PolicyForm({
  environmentId,
  editing,
  credentials,
  roles,
  onSaved,
  onCancel,
}: {
  environmentId: string;
  editing?: Policy;
  credentials: CloudCredentials[] | undefined;
  roles: Role[] | undefined;
  onSaved: (saved: Policy) => void;
  onCancel: () => void;
}) {
  /** The version the edits apply to (If-Match); moves on when the user reloads after a 412. */
  const [base, setBase] = useState(editing);
  const [reloaded, setReloaded] = useState<Reloaded>();
  const form = useDraftForm({
    initial: () => (editing ? policyDraftOf(editing) : emptyPolicy()),
    validate,
    save: async (input: PolicyInput) => {
      setReloaded(undefined);
      onSaved(
        base ? await policyApi.updatePolicy(base, input) : await policyApi.createPolicy(environmentId, input),
      );
    },
    keyboard: true,
  });
  const { draft, problem, change } = form;

  async function reloadBase() {
    if (!base) return;
    try {
      const latest = await policyApi.getPolicy(base.environmentId, base.id);
      setBase(latest);
      setReloaded({ policy: latest });
    } catch (error) {
      setReloaded({ problem: error instanceof ApiProblem ? error : ApiProblem.network(error) });
    }
  }

  const stale = Boolean(problem?.stale && base);
  return (
    <DraftForm
      form={{ ...form, problem: stale ? undefined : problem }}
      id="policy-form"
      title={editing ? `Edit ${editing.name}` : 'New policy'}
      level={2}
      className="panel form-section policy-form"
      saveLabel="Save policy"
      onCancel={onCancel}
    >
      {stale && (
        <StaleNotice
          reloaded={reloaded}
          onReload={reloadBase}
          onDiscard={(policy) => form.setDraft(policyDraftOf(policy))}
        />
      )}
      <PolicyHead draft={draft} err={form.err} change={change} />
      <fieldset className="rule-fields">
        <legend>{RULE_KIND_LABELS[draft.kind]}</legend>
        <RuleFields
          draft={draft}
          change={change}
          rule={(field) => form.err(`rule.${field}`)}
          environmentId={environmentId}
          credentials={credentials}
          roles={roles}
        />
      </fieldset>
    </DraftForm>
  );
}
