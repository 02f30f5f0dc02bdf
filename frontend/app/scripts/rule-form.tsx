'use client';
// Creates or edits an orchestration rule: the scope (account / environment / role / farm / farm
// role, with the ids it needs picked from lists), the event (a lifecycle event or a custom name),
// the target servers, the script and a pinned version or the latest, order, blocking, timeout,
// run-as, and "abort the launch on failure" — offered for BeforeHostUp only, the one event where
// a failure can stop a server coming up. Validated with the API's OrchestrationRuleInput first.
import { OrchestrationRuleInput } from '../../../functions/domain/schemas/orchestration';
import { DraftForm } from '../../components/draft-form';
import { CheckField, TextField } from '../../components/form-field';
import type { Environment, Farm, Role } from '../../lib/api-client';
import { type OrchestrationRule, orchestrationApi, type Script } from '../../lib/orchestration-api';
import {
  ABORTABLE_EVENT,
  emptyRule,
  eventOf,
  type RuleDraft,
  ruleDraftOf,
  toRuleInput,
} from '../../lib/rule-draft';
import { checkWith, type DraftPartProps, useDraftForm } from '../../lib/use-draft-form';
import { RuleEventFields, RuleExecutionFields, RuleScriptFields } from './rule-run-fields';
import { RuleScopeFields } from './rule-scope-fields';

const validate = (draft: RuleDraft) => checkWith(OrchestrationRuleInput, toRuleInput(draft));

function RuleSwitches({ draft, err, change }: DraftPartProps<RuleDraft>) {
  return (
    <div className="form-grid">
      <TextField
        id="rule-description"
        label="Description"
        error={err('description')}
        value={draft.description}
        onChange={(description) => change({ description })}
      />
      <div className="field rule-switches">
        {eventOf(draft) === ABORTABLE_EVENT && (
          <CheckField
            id="rule-abort"
            label="Abort the launch when it fails (the server goes Failed and is replaced)"
            checked={draft.abortOnFailure}
            onChange={(abortOnFailure) => change({ abortOnFailure })}
          />
        )}
        <CheckField
          id="rule-enabled"
          label="Enabled"
          checked={draft.enabled}
          onChange={(enabled) => change({ enabled })}
        />
        <p className="field-error">{err('abortOnFailure') ?? ''}</p>
      </div>
    </div>
  );
}

export function RuleForm({
  editing,
  environmentId,
  environments,
  roles,
  farms,
  scripts,
  onSaved,
  onCancel,
}: {
  editing?: OrchestrationRule;
  environmentId: string | undefined;
  environments: Environment[];
  roles: Role[];
  farms: Farm[];
  scripts: Script[];
  onSaved: (saved: OrchestrationRule) => void;
  onCancel: () => void;
}) {
  const form = useDraftForm({
    initial: () =>
      editing
        ? ruleDraftOf(editing)
        : { ...emptyRule(environmentId), scriptId: scripts.length === 1 ? scripts[0]!.id : '' },
    validate,
    save: async (input: OrchestrationRuleInput) =>
      onSaved(
        editing
          ? await orchestrationApi.updateRule(editing, input)
          : await orchestrationApi.createRule(input),
      ),
    keyboard: true,
  });
  const part: DraftPartProps<RuleDraft> = { draft: form.draft, err: form.err, change: form.change };
  const script = scripts.find((s) => s.id === form.draft.scriptId);
  return (
    <DraftForm
      form={form}
      id="rule-form"
      title={editing ? 'Edit rule' : 'New orchestration rule'}
      level={2}
      saveLabel={editing ? 'Save rule' : 'Create rule'}
      onCancel={onCancel}
    >
      <RuleScopeFields {...part} environments={environments} roles={roles} farms={farms} />
      <RuleEventFields {...part} />
      <RuleScriptFields {...part} script={script} scripts={scripts} />
      <RuleExecutionFields {...part} script={script} />
      <RuleSwitches {...part} />
    </DraftForm>
  );
}
