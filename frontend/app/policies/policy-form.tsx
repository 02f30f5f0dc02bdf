'use client';
// Creates or edits a Governance policy: name, platform, enabled, and a form per rule kind. Lists
// of regions, zones and instance types are chips picked from what the cloud behind one of the
// environment's credentials offers (the farm form's catalog endpoints), or typed (`t3.*`).
// Validated with the API's PolicyInput first; the API's issues land under their field too.
import { useState } from 'react';
import { POLICY_RULE_KINDS, PolicyInput } from '../../../functions/domain/schemas/policy';
import { ChipPicker } from '../../components/chip-picker';
import { FormActions } from '../../components/form-actions';
import { CheckField, FormField, TextField } from '../../components/form-field';
import { ProblemNotice } from '../../components/problem-notice';
import type { CloudCredentials, Role } from '../../lib/api-client';
import { ApiProblem } from '../../lib/api-problem';
import { errorsFromZod } from '../../lib/field-errors';
import { type Policy, policyApi } from '../../lib/policy-api';
import {
  emptyPolicy,
  type PolicyDraft,
  policyDraftOf,
  RULE_KIND_LABELS,
  toPolicyInput,
} from '../../lib/policy-draft';
import { useInstanceTypes, useLocations } from '../../lib/use-cloud-catalog';
import { type Checked, useDraftForm } from '../../lib/use-draft-form';

function validate(draft: PolicyDraft): Checked<PolicyInput> {
  const parsed = PolicyInput.safeParse(toPolicyInput(draft));
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
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
  const [reloaded, setReloaded] = useState<{ policy: Policy } | { problem: ApiProblem } | undefined>();
  const { draft, setDraft, err, problem, saving, formRef, change, onSubmit } = useDraftForm({
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

  /** 412: someone saved the policy meanwhile. Load theirs as the base; the user's edits stay on screen. */
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
  const rule = (field: string) => err(`rule.${field}`);

  return (
    <form
      ref={formRef}
      className="panel form-section policy-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="policy-form-heading"
    >
      <h2 id="policy-form-heading">{editing ? `Edit ${editing.name}` : 'New policy'}</h2>
      {problem?.stale && base ? (
        <div className="notice notice-warn" role="alert">
          {reloaded && 'policy' in reloaded ? (
            <>
              <p className="notice-title">Loaded version {reloaded.policy.version}.</p>
              <p>Your edits are still in the form: save again to put them over it, or discard them.</p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setDraft(policyDraftOf(reloaded.policy))}
              >
                Discard my edits
              </button>
            </>
          ) : (
            <>
              <p className="notice-title">Someone changed this policy since you opened it.</p>
              <p>Nothing was saved. Your edits are still in the form.</p>
              <button type="button" className="button button-secondary" onClick={reloadBase}>
                Reload and keep my edits
              </button>
            </>
          )}
          {reloaded && 'problem' in reloaded && <ProblemNotice problem={reloaded.problem} />}
        </div>
      ) : (
        problem && <ProblemNotice problem={problem} />
      )}
      <div className="form-grid">
        <TextField
          id="policy-name"
          label="Name"
          error={err('name')}
          value={draft.name}
          onChange={(value) => change({ name: value })}
        />
        <FormField id="policy-kind" label="Rule" error={err('rule') ?? err('rule.kind')}>
          {(p) => (
            <select
              {...p}
              value={draft.kind}
              onChange={(e) => change({ kind: e.target.value as PolicyDraft['kind'] })}
            >
              {POLICY_RULE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {RULE_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="policy-platform"
          label="Platform"
          error={err('platform')}
          hint="A platform: only that cloud's farm roles."
        >
          {(p) => (
            <select
              {...p}
              value={draft.platform}
              onChange={(e) => change({ platform: e.target.value as PolicyDraft['platform'] })}
            >
              <option value="">Every platform</option>
              <option value="aws">AWS</option>
              <option value="gce">GCE</option>
            </select>
          )}
        </FormField>
        <TextField
          id="policy-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(value) => change({ description: value })}
        />
      </div>
      <CheckField
        id="policy-enabled"
        label="Enabled: farms are checked against it on save and at launch"
        checked={draft.enabled}
        onChange={(enabled) => change({ enabled })}
      />

      <fieldset className="rule-fields">
        <legend>{RULE_KIND_LABELS[draft.kind]}</legend>
        <RuleFields
          draft={draft}
          change={change}
          rule={rule}
          environmentId={environmentId}
          credentials={credentials}
          roles={roles}
        />
      </fieldset>

      <FormActions saving={saving} saveLabel="Save policy" onCancel={onCancel} />
    </form>
  );
}

interface RuleFieldsProps {
  draft: PolicyDraft;
  change: (patch: Partial<PolicyDraft>) => void;
  rule: (field: string) => string | undefined;
  environmentId: string;
  credentials: CloudCredentials[] | undefined;
  roles: Role[] | undefined;
}

function RuleFields(props: RuleFieldsProps) {
  const { draft, change, rule } = props;
  switch (draft.kind) {
    case 'allowed-locations':
    case 'allowed-instance-types':
      return <CatalogRule {...props} />;
    case 'allowed-roles':
      return (
        <ChipPicker
          id="policy-roles"
          label="Roles"
          hint="Role ids; pick from the roles of this environment."
          values={draft.roleIds}
          suggestions={props.roles?.map((r) => r.id)}
          error={rule('roleIds')}
          onChange={(roleIds) => change({ roleIds })}
        />
      );
    case 'allowed-images':
      return (
        <ChipPicker
          id="policy-images"
          label="Images"
          hint="AMI ids or GCE image paths; may end in *."
          values={draft.imageIds}
          error={rule('imageIds')}
          onChange={(imageIds) => change({ imageIds })}
        />
      );
    case 'enforced-network':
      return (
        <>
          <div className="form-grid">
            <TextField
              id="policy-vpc"
              label="AWS VPC"
              placeholder="vpc-0abc1234"
              error={rule('vpcId')}
              value={draft.vpcId}
              onChange={(vpcId) => change({ vpcId })}
            />
            <TextField
              id="policy-network"
              label="GCE network"
              error={rule('network')}
              value={draft.network}
              onChange={(network) => change({ network })}
            />
          </div>
          <div className="form-grid">
            <ChipPicker
              id="policy-subnets"
              label="AWS subnets"
              values={draft.subnetIds}
              error={rule('subnetIds')}
              onChange={(subnetIds) => change({ subnetIds })}
            />
            <ChipPicker
              id="policy-subnetworks"
              label="GCE subnetworks"
              values={draft.subnetworks}
              error={rule('subnetworks')}
              onChange={(subnetworks) => change({ subnetworks })}
            />
          </div>
          <CheckField
            id="policy-no-public-ip"
            label="No public / external IP on any instance"
            checked={draft.noPublicIp}
            onChange={(noPublicIp) => change({ noPublicIp })}
          />
        </>
      );
    case 'enforced-security-groups':
      return (
        <ChipPicker
          id="policy-security-groups"
          label="Security groups"
          hint="Up to 5 sg- ids, added to every AWS instance."
          values={draft.securityGroupIds}
          error={rule('securityGroupIds')}
          onChange={(securityGroupIds) => change({ securityGroupIds })}
        />
      );
    case 'network-tags':
      return (
        <ChipPicker
          id="policy-network-tags"
          label="Network tags"
          values={draft.networkTags}
          error={rule('networkTags')}
          onChange={(networkTags) => change({ networkTags })}
        />
      );
    case 'required-tags':
      return <RequiredTags {...props} />;
    case 'auto-tags':
      return (
        <FormField
          id="policy-auto-tags"
          label="Tags"
          hint="One key=value per line; values may use ${DROVER_FARM_NAME}, ${DROVER_FARM_ID}…"
          error={rule('tags')}
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              className="mono"
              value={draft.autoTags}
              onChange={(e) => change({ autoTags: e.target.value })}
            />
          )}
        </FormField>
      );
    case 'max-instances':
      return (
        <div className="form-grid">
          <TextField
            id="policy-per-farm-role"
            label="Per farm role"
            inputMode="numeric"
            hint="Empty: no limit."
            error={rule('perFarmRole') ?? rule('')}
            value={draft.perFarmRole}
            onChange={(perFarmRole) => change({ perFarmRole })}
          />
          <TextField
            id="policy-per-farm"
            label="Per farm"
            inputMode="numeric"
            hint="Empty: no limit."
            error={rule('perFarm')}
            value={draft.perFarm}
            onChange={(perFarm) => change({ perFarm })}
          />
        </div>
      );
    case 'instance-identity':
      return (
        <div className="form-grid">
          <TextField
            id="policy-instance-profile"
            label="AWS IAM instance profile"
            error={rule('iamInstanceProfile') ?? rule('')}
            value={draft.iamInstanceProfile}
            onChange={(iamInstanceProfile) => change({ iamInstanceProfile })}
          />
          <TextField
            id="policy-service-account"
            label="GCE service account"
            error={rule('serviceAccount')}
            value={draft.serviceAccount}
            onChange={(serviceAccount) => change({ serviceAccount })}
          />
        </div>
      );
    case 'farm-lease':
      return (
        <div className="form-grid">
          <TextField
            id="policy-lease-hours"
            label="Longest lifetime (hours)"
            inputMode="decimal"
            error={rule('maxLifetimeHours')}
            value={draft.maxLifetimeHours}
            onChange={(maxLifetimeHours) => change({ maxLifetimeHours })}
          />
          <TextField
            id="policy-lease-warn"
            label="Warn before expiry (hours)"
            inputMode="decimal"
            error={rule('warnBeforeHours')}
            value={draft.warnBeforeHours}
            onChange={(warnBeforeHours) => change({ warnBeforeHours })}
          />
        </div>
      );
    case 'naming':
      return (
        <TextField
          id="policy-name-pattern"
          label="Farm name pattern"
          hint="A regular expression the whole farm name must match, e.g. (web|api)-[a-z0-9-]+"
          className="mono"
          error={rule('farmNamePattern')}
          value={draft.farmNamePattern}
          onChange={(farmNamePattern) => change({ farmNamePattern })}
        />
      );
  }
}

/** Regions, zones or instance types as chips, suggested from the cloud behind chosen credentials. */
function CatalogRule({ draft, change, rule, environmentId, credentials }: RuleFieldsProps) {
  const usable = (credentials ?? []).filter((c) => !draft.platform || c.platform === draft.platform);
  const [chosen, setChosen] = useState('');
  const credentialsId = usable.some((c) => c.id === chosen) ? chosen : (usable[0]?.id ?? '');
  const locations = useLocations(environmentId, credentialsId);
  const regions = locations.data?.map((l) => l.region) ?? [];
  const [typesRegion, setTypesRegion] = useState('');
  const region = typesRegion || draft.regions.find((r) => regions.includes(r)) || regions[0] || '';
  const types = useInstanceTypes(
    environmentId,
    draft.kind === 'allowed-instance-types' ? credentialsId : '',
    region,
  );
  const zones = (locations.data ?? [])
    .filter((l) => draft.regions.length === 0 || draft.regions.includes(l.region))
    .flatMap((l) => l.zones);

  return (
    <>
      <div className="form-grid catalog-source">
        <FormField
          id="policy-catalog"
          label="Suggestions from"
          hint={
            locations.error
              ? `Cannot list the cloud: ${locations.error.detail ?? locations.error.title}`
              : usable.length === 0
                ? 'No credentials for this platform: type the values.'
                : 'The cloud behind these credentials.'
          }
        >
          {(p) => (
            <select
              {...p}
              value={credentialsId}
              onChange={(e) => setChosen(e.target.value)}
              disabled={!usable.length}
            >
              {usable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.platform.toUpperCase()})
                </option>
              ))}
            </select>
          )}
        </FormField>
        {draft.kind === 'allowed-instance-types' && (
          <FormField id="policy-catalog-region" label="Types of region">
            {(p) => (
              <select
                {...p}
                value={region}
                onChange={(e) => setTypesRegion(e.target.value)}
                disabled={!regions.length}
              >
                {regions.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
      </div>
      {draft.kind === 'allowed-locations' ? (
        <div className="form-grid">
          <ChipPicker
            id="policy-regions"
            label="Allowed regions"
            placeholder="eu-west-1"
            values={draft.regions}
            suggestions={regions}
            error={rule('regions')}
            onChange={(next) => change({ regions: next })}
          />
          <ChipPicker
            id="policy-zones"
            label="Allowed zones"
            hint="Empty: any zone of an allowed region."
            values={draft.zones}
            suggestions={zones}
            error={rule('zones')}
            onChange={(next) => change({ zones: next })}
          />
        </div>
      ) : (
        <ChipPicker
          id="policy-instance-types"
          label="Allowed instance types"
          placeholder="t3.small or t3.*"
          hint="Pick from the list or type a family ending in *."
          values={draft.instanceTypes}
          suggestions={types.data?.map((t) => t.name)}
          error={rule('instanceTypes')}
          onChange={(next) => change({ instanceTypes: next })}
        />
      )}
    </>
  );
}

function RequiredTags({ draft, change, rule }: RuleFieldsProps) {
  const set = (i: number, patch: Partial<PolicyDraft['requiredTags'][number]>) =>
    change({ requiredTags: draft.requiredTags.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  return (
    <>
      <p className="field-error">{rule('tags') ?? ''}</p>
      {draft.requiredTags.map((tag, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place
        <div className="tag-row" key={i}>
          <TextField
            id={`policy-tag-${i}-key`}
            label="Tag key"
            error={rule(`tags.${i}.key`)}
            value={tag.key}
            onChange={(key) => set(i, { key })}
          />
          <TextField
            id={`policy-tag-${i}-pattern`}
            label="Value pattern"
            hint=".+ = any non-empty value"
            className="mono"
            error={rule(`tags.${i}.pattern`)}
            value={tag.pattern}
            onChange={(pattern) => set(i, { pattern })}
          />
          <button
            type="button"
            className="button button-quiet tag-remove"
            aria-label={`Remove tag ${tag.key || i + 1}`}
            onClick={() => change({ requiredTags: draft.requiredTags.filter((_, j) => j !== i) })}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => change({ requiredTags: [...draft.requiredTags, { key: '', pattern: '.+' }] })}
      >
        Add required tag
      </button>
    </>
  );
}
