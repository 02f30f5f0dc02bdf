'use client';
// The policy form's fields for the rules about farms and their tags: allowed roles and images,
// required tags (key and value pattern), automatic tags, instance limits, the farm lease and the
// farm name pattern.
import { ChipPicker } from '../../components/chip-picker';
import { KeyValueField, NumberField, TextField } from '../../components/form-field';
import type { PolicyDraft } from '../../lib/policy-draft';
import type { RuleFieldsProps } from './policy-rule-part';
import { usePrivateCloudSuggestions } from './private-cloud-suggestions';

export function AllowedRolesRule({ draft, change, rule, roles }: RuleFieldsProps) {
  return (
    <ChipPicker
      id="policy-roles"
      label="Roles"
      hint="Role ids; pick from the roles of this environment."
      values={draft.roleIds}
      suggestions={roles?.map((r) => r.id)}
      error={rule('roleIds')}
      onChange={(roleIds) => change({ roleIds })}
    />
  );
}

export function AllowedImagesRule(props: RuleFieldsProps) {
  const { draft, change, rule } = props;
  const listed = usePrivateCloudSuggestions(props);
  return (
    <ChipPicker
      id="policy-images"
      label="Images"
      hint="AMI ids, GCE image paths, Glance image or CloudStack template ids; may end in *."
      values={draft.imageIds}
      suggestions={listed?.images.map((i) => i.id)}
      error={rule('imageIds')}
      onChange={(imageIds) => change({ imageIds })}
    />
  );
}

export function RequiredTagsRule({ draft, change, rule }: RuleFieldsProps) {
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

export function AutoTagsRule({ draft, change, rule }: RuleFieldsProps) {
  return (
    <KeyValueField
      id="policy-auto-tags"
      label="Tags"
      hint="One key=value per line; values may use ${DROVER_FARM_NAME}, ${DROVER_FARM_ID}…"
      error={rule('tags')}
      className="mono"
      value={draft.autoTags}
      onChange={(autoTags) => change({ autoTags })}
    />
  );
}

export function MaxInstancesRule({ draft, change, rule }: RuleFieldsProps) {
  return (
    <div className="form-grid">
      <NumberField
        id="policy-per-farm-role"
        label="Per farm role"
        hint="Empty: no limit."
        error={rule('perFarmRole') ?? rule('')}
        value={draft.perFarmRole}
        onChange={(perFarmRole) => change({ perFarmRole })}
      />
      <NumberField
        id="policy-per-farm"
        label="Per farm"
        hint="Empty: no limit."
        error={rule('perFarm')}
        value={draft.perFarm}
        onChange={(perFarm) => change({ perFarm })}
      />
    </div>
  );
}

export function FarmLeaseRule({ draft, change, rule }: RuleFieldsProps) {
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
}

export function NamingRule({ draft, change, rule }: RuleFieldsProps) {
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
