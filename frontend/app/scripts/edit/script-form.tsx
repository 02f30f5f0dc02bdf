'use client';
// The script form: name, description, interpreter hint, blocking and timeout defaults, and the
// body in a monospace textarea (its shebang picks the interpreter on the server). Validated with
// the API's ScriptInput; a save of an existing script is a new version.
import { ORCHESTRATION_LIMITS, ScriptInput } from '../../../../functions/domain/schemas/orchestration';
import { CheckField, FormField, TextField } from '../../../components/form-field';
import { ProblemNotice } from '../../../components/problem-notice';
import { errorsFromZod } from '../../../lib/field-errors';
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
import { type Checked, useDraftForm } from '../../../lib/use-draft-form';

function validate(draft: ScriptDraft): Checked<ScriptInput> {
  const parsed = ScriptInput.safeParse(toScriptInput(draft));
  return parsed.success ? { errors: {}, input: parsed.data } : { errors: errorsFromZod(parsed.error) };
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
  const shebang = shebangOf(draft.body);
  const lines = draft.body.split('\n').length;

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
            onChange={(value) => change({ name: value })}
          />
          <TextField
            id="script-description"
            label="Description"
            error={err('description')}
            value={draft.description}
            onChange={(value) => change({ description: value })}
          />
        </div>
        <div className="form-grid">
          <FormField
            id="script-interpreter"
            label="Interpreter"
            error={err('interpreterHint')}
            hint={shebang ? `The shebang runs it: ${shebang}` : 'No shebang: the agent runs it with /bin/sh'}
          >
            {(p) => (
              <select
                {...p}
                value={draft.interpreterHint}
                onChange={(e) => change({ interpreterHint: e.target.value as InterpreterHint })}
              >
                {INTERPRETER_HINTS.map((hint) => (
                  <option key={hint} value={hint}>
                    {hint}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <TextField
            id="script-timeout"
            label="Default timeout (seconds)"
            hint={`Killed after it; 1–${ORCHESTRATION_LIMITS.timeoutSecondsMax}`}
            error={err('timeoutSeconds')}
            type="number"
            inputMode="numeric"
            min={1}
            max={ORCHESTRATION_LIMITS.timeoutSecondsMax}
            value={draft.timeoutSeconds}
            onChange={(value) => change({ timeoutSeconds: value })}
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
        <FormField
          id="script-body"
          label="Body"
          error={err('body')}
          hint={`${lines} line${lines === 1 ? '' : 's'}; Global Variables and DROVER_* built-ins arrive as environment variables`}
        >
          {(p) => (
            <textarea
              {...p}
              className="script-body mono"
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              wrap="off"
              rows={Math.min(30, Math.max(10, lines + 2))}
              value={draft.body}
              onChange={(e) => change({ body: e.target.value })}
            />
          )}
        </FormField>
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
