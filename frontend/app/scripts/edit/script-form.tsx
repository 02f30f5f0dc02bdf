'use client';
// The script form: name, description, interpreter hint, blocking and timeout defaults, and the
// body in a monospace textarea (its shebang picks the interpreter on the server). Validated with
// the API's ScriptInput; a save of an existing script is a new version.
import { ORCHESTRATION_LIMITS, ScriptInput } from '../../../../functions/domain/schemas/orchestration';
import { choicesOf, SelectField } from '../../../components/form-choices';
import { CheckField, NumberField, TextAreaField, TextField } from '../../../components/form-field';
import { ProblemNotice } from '../../../components/problem-notice';
import { orchestrationApi, type Script } from '../../../lib/orchestration-api';
import {
  emptyScript,
  INTERPRETER_HINTS,
  type InterpreterHint,
  type ScriptDraft,
  scriptDraftOf,
  shebangOf,
  toScriptInput,
} from '../../../lib/script-draft';
import { checkWith, type DraftPartProps, useDraftForm } from '../../../lib/use-draft-form';

const validate = (draft: ScriptDraft) => checkWith(ScriptInput, toScriptInput(draft));
const interpreterChoices = choicesOf(INTERPRETER_HINTS);

function ScriptSettings({ draft, err, change }: DraftPartProps<ScriptDraft>) {
  const shebang = shebangOf(draft.body);
  return (
    <div className="form-grid">
      <SelectField
        id="script-interpreter"
        label="Interpreter"
        error={err('interpreterHint')}
        hint={shebang ? `The shebang runs it: ${shebang}` : 'No shebang: the agent runs it with /bin/sh'}
        options={interpreterChoices}
        value={draft.interpreterHint}
        onChange={(value) => change({ interpreterHint: value as InterpreterHint })}
      />
      <NumberField
        id="script-timeout"
        label="Default timeout (seconds)"
        hint={`Killed after it; 1–${ORCHESTRATION_LIMITS.timeoutSecondsMax}`}
        error={err('timeoutSeconds')}
        type="number"
        min={1}
        max={ORCHESTRATION_LIMITS.timeoutSecondsMax}
        value={draft.timeoutSeconds}
        onChange={(timeoutSeconds) => change({ timeoutSeconds })}
      />
      <div className="field orch-check-end">
        <CheckField
          id="script-blocking"
          label="Blocking (rules wait for it, one at a time)"
          checked={draft.blocking}
          onChange={(blocking) => change({ blocking })}
        />
      </div>
    </div>
  );
}

function ScriptBody({ draft, err, change }: DraftPartProps<ScriptDraft>) {
  const lines = draft.body.split('\n').length;
  return (
    <TextAreaField
      id="script-body"
      label="Body"
      error={err('body')}
      hint={`${lines} line${lines === 1 ? '' : 's'}; Global Variables and DROVER_* built-ins arrive as environment variables`}
      className="script-body mono"
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      wrap="off"
      rows={Math.min(30, Math.max(10, lines + 2))}
      value={draft.body}
      onChange={(body) => change({ body })}
    />
  );
}

export function ScriptForm({
  editing,
  readOnly,
  onSaved,
  onCancel,
}: {
  editing?: Script;
  readOnly: boolean;
  onSaved: (saved: Script) => void;
  onCancel: () => void;
}) {
  const { draft, err, problem, saving, formRef, change, onSubmit } = useDraftForm({
    initial: () => (editing ? scriptDraftOf(editing) : emptyScript()),
    validate,
    save: async (input: ScriptInput) =>
      onSaved(
        editing
          ? await orchestrationApi.updateScript(editing, input)
          : await orchestrationApi.createScript(input),
      ),
    keyboard: !editing,
  });
  const part = { draft, err, change };
  return (
    <form ref={formRef} className="panel form-section" onSubmit={onSubmit} noValidate aria-label="Script">
      {problem && <ProblemNotice problem={problem} />}
      <fieldset disabled={readOnly} className="plain-fieldset">
        <div className="form-grid">
          <TextField
            id="script-name"
            label="Name"
            error={err('name')}
            spellCheck={false}
            value={draft.name}
            onChange={(name) => change({ name })}
          />
          <TextField
            id="script-description"
            label="Description"
            error={err('description')}
            value={draft.description}
            onChange={(description) => change({ description })}
          />
        </div>
        <ScriptSettings {...part} />
        <ScriptBody {...part} />
      </fieldset>
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : editing ? `Save as v${editing.latestVersion + 1}` : 'Create script'}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}
