// The script form's state as typed (the timeout as text) and its conversion to the shared
// ScriptInput, which the form then validates with the API's own schema.
import {
  ORCHESTRATION_LIMITS,
  type Script,
  type ScriptInput,
} from '../../functions/domain/schemas/orchestration';

export type InterpreterHint = ScriptInput['interpreterHint'];
export const INTERPRETER_HINTS: InterpreterHint[] = ['sh', 'bash', 'python', 'node', 'other'];

export interface ScriptDraft {
  name: string;
  description: string;
  body: string;
  interpreterHint: InterpreterHint;
  blocking: boolean;
  timeoutSeconds: string;
}

export const emptyScript = (): ScriptDraft => ({
  name: '',
  description: '',
  body: '#!/bin/sh\n',
  interpreterHint: 'sh',
  blocking: true,
  timeoutSeconds: String(ORCHESTRATION_LIMITS.timeoutSecondsDefault),
});

export function scriptDraftOf(script: Script): ScriptDraft {
  return {
    name: script.name,
    description: script.description,
    body: script.body,
    interpreterHint: script.interpreterHint,
    blocking: script.blocking,
    timeoutSeconds: String(script.timeoutSeconds),
  };
}

/** Text to a number, keeping what is not one as NaN so the schema says "must be a number". */
export const numberOf = (text: string) => (text.trim() === '' ? undefined : Number(text));

export function toScriptInput(draft: ScriptDraft): unknown {
  return {
    name: draft.name,
    description: draft.description,
    body: draft.body,
    interpreterHint: draft.interpreterHint,
    blocking: draft.blocking,
    timeoutSeconds: numberOf(draft.timeoutSeconds),
  };
}

/** The interpreter the body's shebang names (what the agent runs), to show beside the hint. */
export function shebangOf(body: string): string | undefined {
  const first = body.split('\n', 1)[0] ?? '';
  return first.startsWith('#!') ? first.slice(2).trim() || undefined : undefined;
}
