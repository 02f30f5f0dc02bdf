'use client';
// What an orchestration rule runs and how: the event (a lifecycle event or a custom name), the
// target servers, the script and a pinned version or the latest, then order, blocking, timeout
// and run-as (empty fields take the script's defaults, shown in the hints).
import { ORCHESTRATION_LIMITS } from '../../../functions/domain/schemas/orchestration';
import { choicesOf, SelectField } from '../../components/form-choices';
import { NumberField, TextField } from '../../components/form-field';
import type { Script } from '../../lib/orchestration-api';
import { RULE_EVENTS, type RuleDraft, TARGETS } from '../../lib/rule-draft';
import type { DraftPartProps } from '../../lib/use-draft-form';

/** The event select's value for "a custom event…", whose name is typed instead. */
export const CUSTOM_EVENT = '';

const eventChoices = [...choicesOf(RULE_EVENTS), { value: CUSTOM_EVENT, label: 'A custom event…' }];
const targetChoices = TARGETS.map(({ target, label }) => ({ value: target, label }));

type RunProps = DraftPartProps<RuleDraft> & { script: Script | undefined };

export function RuleEventFields({ draft, err, change }: DraftPartProps<RuleDraft>) {
  const custom = draft.event === CUSTOM_EVENT;
  return (
    <div className="form-grid">
      <SelectField
        id="rule-event"
        label="Event"
        error={custom ? undefined : err('event')}
        options={eventChoices}
        value={draft.event}
        onChange={(event) => change({ event })}
      />
      {custom && (
        <TextField
          id="rule-custom-event"
          label="Custom event name"
          hint="As fired on a farm or by a script, e.g. DeployFinished"
          error={err('event')}
          spellCheck={false}
          value={draft.customEvent}
          onChange={(customEvent) => change({ customEvent })}
        />
      )}
      <SelectField
        id="rule-target"
        label="Run on"
        error={err('target')}
        options={targetChoices}
        value={draft.target}
        onChange={(value) => change({ target: value as RuleDraft['target'] })}
      />
    </div>
  );
}

export function RuleScriptFields({ draft, err, change, script, scripts }: RunProps & { scripts: Script[] }) {
  const versions = script
    ? Array.from({ length: script.latestVersion }, (_, i) => script.latestVersion - i)
    : [];
  return (
    <div className="form-grid">
      <SelectField
        id="rule-script"
        label="Script"
        error={err('scriptId')}
        hint={scripts.length === 0 ? 'Write a script first.' : undefined}
        empty="Choose a script"
        options={scripts.map((s) => ({ value: s.id, label: s.name }))}
        value={draft.scriptId}
        onChange={(scriptId) => change({ scriptId, scriptVersion: '' })}
      />
      <SelectField
        id="rule-version"
        label="Version"
        error={err('scriptVersion')}
        hint="Latest follows every save; a pinned version stays put"
        empty={`Latest${script ? ` (now v${script.latestVersion})` : ''}`}
        options={versions.map((n) => ({ value: String(n), label: `v${n}` }))}
        value={draft.scriptVersion}
        onChange={(scriptVersion) => change({ scriptVersion })}
      />
    </div>
  );
}

export function RuleExecutionFields({ draft, err, change, script }: RunProps) {
  const blockingChoices = [
    {
      value: 'default',
      label: `The script's default${script ? ` (${script.blocking ? 'blocking' : 'in background'})` : ''}`,
    },
    { value: 'yes', label: 'Blocking: one at a time, in order' },
    { value: 'no', label: 'In background' },
  ];
  return (
    <div className="form-grid">
      <NumberField
        id="rule-order"
        label="Order"
        hint="Lower runs first among the rules of one event"
        error={err('order')}
        type="number"
        min={0}
        value={draft.order}
        onChange={(order) => change({ order })}
      />
      <SelectField
        id="rule-blocking"
        label="Blocking"
        error={err('blocking')}
        options={blockingChoices}
        value={draft.blocking}
        onChange={(value) => change({ blocking: value as RuleDraft['blocking'] })}
      />
      <NumberField
        id="rule-timeout"
        label="Timeout (seconds)"
        hint={`Empty: the script's (${script?.timeoutSeconds ?? ORCHESTRATION_LIMITS.timeoutSecondsDefault} s)`}
        error={err('timeoutSeconds')}
        type="number"
        min={1}
        value={draft.timeoutSeconds}
        onChange={(timeoutSeconds) => change({ timeoutSeconds })}
      />
      <TextField
        id="rule-run-as"
        label="Run as"
        hint="A user on the server"
        error={err('runAs')}
        spellCheck={false}
        value={draft.runAs}
        onChange={(runAs) => change({ runAs })}
      />
    </div>
  );
}
