'use client';
// Creates or edits an orchestration rule: the scope (account / environment / role / farm / farm
// role, with the ids it needs picked from lists), the event (a lifecycle event or a custom name),
// the target servers, the script and a pinned version or the latest, order, blocking, timeout,
// run-as, and "abort the launch on failure" — offered for BeforeHostUp only, the one event where
// a failure can stop a server coming up. Validated with the API's OrchestrationRuleInput first.
import {
  ORCHESTRATION_LIMITS,
  OrchestrationRuleInput,
} from '../../../functions/domain/schemas/orchestration';
import { FormActions } from '../../components/form-actions';
import { CheckField, FormField, TextField } from '../../components/form-field';
import { ProblemNotice } from '../../components/problem-notice';
import type { Environment, Farm, Role } from '../../lib/api-client';
import { errorsFromZod } from '../../lib/field-errors';
import { type OrchestrationRule, orchestrationApi, type Script } from '../../lib/orchestration-api';
import {
  ABORTABLE_EVENT,
  emptyRule,
  eventOf,
  RULE_EVENTS,
  type RuleDraft,
  ruleDraftOf,
  SCOPE_KINDS,
  type ScopeKind,
  TARGETS,
  toRuleInput,
} from '../../lib/rule-draft';
import { type Checked, useDraftForm } from '../../lib/use-draft-form';

const CUSTOM = '';

function validate(draft: RuleDraft): Checked<OrchestrationRuleInput> {
  const parsed = OrchestrationRuleInput.safeParse(toRuleInput(draft));
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
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
  const { draft, err, problem, saving, formRef, change, onSubmit } = useDraftForm({
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
  const script = scripts.find((s) => s.id === draft.scriptId);
  const farm = farms.find((f) => f.id === draft.farmId);
  const custom = draft.event === CUSTOM;
  const abortable = eventOf(draft) === ABORTABLE_EVENT;

  return (
    <form
      ref={formRef}
      className="panel form-section"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="rule-form-heading"
    >
      <h2 id="rule-form-heading">{editing ? 'Edit rule' : 'New orchestration rule'}</h2>
      {problem && <ProblemNotice problem={problem} />}

      <div className="form-grid">
        <FormField id="rule-scope" label="Scope" error={err('scope.kind')} hint="Where the rule applies">
          {(p) => (
            <select
              {...p}
              value={draft.scopeKind}
              onChange={(e) => change({ scopeKind: e.target.value as ScopeKind })}
            >
              {SCOPE_KINDS.map(({ kind, label }) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {draft.scopeKind === 'environment' && (
          <FormField id="rule-environment" label="Environment" error={err('scope.environmentId')}>
            {(p) => (
              <select
                {...p}
                value={draft.environmentId}
                onChange={(e) => change({ environmentId: e.target.value })}
              >
                <option value="">Choose an environment</option>
                {environments.map((env) => (
                  <option key={env.id} value={env.id}>
                    {env.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {draft.scopeKind === 'role' && (
          <FormField id="rule-role" label="Role" error={err('scope.roleId')}>
            {(p) => (
              <select {...p} value={draft.roleId} onChange={(e) => change({ roleId: e.target.value })}>
                <option value="">Choose a role</option>
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {(draft.scopeKind === 'farm' || draft.scopeKind === 'farmRole') && (
          <FormField id="rule-farm" label="Farm" error={err('scope.farmId')}>
            {(p) => (
              <select
                {...p}
                value={draft.farmId}
                onChange={(e) => change({ farmId: e.target.value, farmRoleId: '' })}
              >
                <option value="">Choose a farm</option>
                {farms.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {draft.scopeKind === 'farmRole' && (
          <FormField id="rule-farm-role" label="Farm role" error={err('scope.farmRoleId')}>
            {(p) => (
              <select
                {...p}
                value={draft.farmRoleId}
                onChange={(e) => change({ farmRoleId: e.target.value })}
              >
                <option value="">{farm ? 'Choose a farm role' : 'Choose a farm first'}</option>
                {farm?.farmRoles
                  .filter((fr) => fr.id)
                  .map((fr) => (
                    <option key={fr.id} value={fr.id}>
                      {fr.alias}
                    </option>
                  ))}
              </select>
            )}
          </FormField>
        )}
      </div>

      <div className="form-grid">
        <FormField id="rule-event" label="Event" error={custom ? undefined : err('event')}>
          {(p) => (
            <select {...p} value={draft.event} onChange={(e) => change({ event: e.target.value })}>
              {RULE_EVENTS.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
              <option value={CUSTOM}>A custom event…</option>
            </select>
          )}
        </FormField>
        {custom && (
          <TextField
            id="rule-custom-event"
            label="Custom event name"
            hint="As fired on a farm or by a script, e.g. DeployFinished"
            error={err('event')}
            spellCheck={false}
            value={draft.customEvent}
            onChange={(value) => change({ customEvent: value })}
          />
        )}
        <FormField id="rule-target" label="Run on" error={err('target')}>
          {(p) => (
            <select
              {...p}
              value={draft.target}
              onChange={(e) => change({ target: e.target.value as RuleDraft['target'] })}
            >
              {TARGETS.map(({ target, label }) => (
                <option key={target} value={target}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>

      <div className="form-grid">
        <FormField
          id="rule-script"
          label="Script"
          error={err('scriptId')}
          hint={scripts.length === 0 ? 'Write a script first.' : undefined}
        >
          {(p) => (
            <select
              {...p}
              value={draft.scriptId}
              onChange={(e) => change({ scriptId: e.target.value, scriptVersion: '' })}
            >
              <option value="">Choose a script</option>
              {scripts.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="rule-version"
          label="Version"
          error={err('scriptVersion')}
          hint="Latest follows every save; a pinned version stays put"
        >
          {(p) => (
            <select
              {...p}
              value={draft.scriptVersion}
              onChange={(e) => change({ scriptVersion: e.target.value })}
            >
              <option value="">Latest{script ? ` (now v${script.latestVersion})` : ''}</option>
              {script &&
                Array.from({ length: script.latestVersion }, (_, i) => script.latestVersion - i).map((n) => (
                  <option key={n} value={String(n)}>
                    v{n}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      </div>

      <div className="form-grid">
        <TextField
          id="rule-order"
          label="Order"
          hint="Lower runs first among the rules of one event"
          error={err('order')}
          type="number"
          inputMode="numeric"
          min={0}
          value={draft.order}
          onChange={(value) => change({ order: value })}
        />
        <FormField id="rule-blocking" label="Blocking" error={err('blocking')}>
          {(p) => (
            <select
              {...p}
              value={draft.blocking}
              onChange={(e) => change({ blocking: e.target.value as RuleDraft['blocking'] })}
            >
              <option value="default">
                The script&apos;s default
                {script ? ` (${script.blocking ? 'blocking' : 'in background'})` : ''}
              </option>
              <option value="yes">Blocking: one at a time, in order</option>
              <option value="no">In background</option>
            </select>
          )}
        </FormField>
        <TextField
          id="rule-timeout"
          label="Timeout (seconds)"
          hint={`Empty: the script's (${script?.timeoutSeconds ?? ORCHESTRATION_LIMITS.timeoutSecondsDefault} s)`}
          error={err('timeoutSeconds')}
          type="number"
          inputMode="numeric"
          min={1}
          value={draft.timeoutSeconds}
          onChange={(value) => change({ timeoutSeconds: value })}
        />
        <TextField
          id="rule-run-as"
          label="Run as"
          hint="A user on the server"
          error={err('runAs')}
          spellCheck={false}
          value={draft.runAs}
          onChange={(value) => change({ runAs: value })}
        />
      </div>

      <div className="form-grid">
        <TextField
          id="rule-description"
          label="Description"
          error={err('description')}
          value={draft.description}
          onChange={(value) => change({ description: value })}
        />
        <div className="field rule-switches">
          {abortable && (
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
      <FormActions saving={saving} saveLabel={editing ? 'Save rule' : 'Create rule'} onCancel={onCancel} />
    </form>
  );
}
