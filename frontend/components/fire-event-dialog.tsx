'use client';
// "Fire event" on a farm: a custom event name, a JSON object as its payload and, optionally, the
// server it is about (rules that target the triggering server run there). The API records it in
// the farm's event log and publishes it, so orchestration rules and webhooks that name it follow.
import { useState } from 'react';
import type { Server } from '../lib/api-client';
import { ApiProblem } from '../lib/api-problem';
import { errorsFromIssues, type FieldErrors } from '../lib/field-errors';
import { orchestrationApi } from '../lib/orchestration-api';
import { FormField, TextAreaField, TextField } from './form-field';
import { ModalDialog } from './modal-dialog';
import { ProblemNotice } from './problem-notice';

/** The API's rule for custom names (CustomEventInput), checked here first so a typo is said at once. */
const NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function checkCustomEvent(name: string, payloadText: string) {
  const errors: FieldErrors = {};
  if (!NAME.test(name.trim())) errors.name = 'letters and digits, starting with a letter, at most 64';
  let payload: Record<string, unknown> = {};
  try {
    const parsed: unknown = payloadText.trim() ? JSON.parse(payloadText) : {};
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      errors.payload = 'must be a JSON object, like {"release": "1.4.2"}';
    else payload = parsed as Record<string, unknown>;
  } catch (error) {
    errors.payload = `not JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { errors, event: { name: name.trim(), payload } };
}

// The dialog's draft and the call: checked here first, then the API's field errors shown in place.
function useFireEvent(farmId: string, onFired: (name: string) => void) {
  const [name, setName] = useState('');
  const [payload, setPayload] = useState('{}');
  const [serverId, setServerId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);

  async function fire() {
    const checked = checkCustomEvent(name, payload);
    setErrors(checked.errors);
    setProblem(undefined);
    if (Object.keys(checked.errors).length) return;
    setBusy(true);
    try {
      await orchestrationApi.fireEvent(farmId, { ...checked.event, ...(serverId ? { serverId } : {}) });
      onFired(checked.event.name);
    } catch (error) {
      const failure = error instanceof ApiProblem ? error : ApiProblem.network(error);
      setProblem(failure);
      setErrors(errorsFromIssues(failure.issues));
    } finally {
      setBusy(false);
    }
  }
  return { name, setName, payload, setPayload, serverId, setServerId, errors, problem, busy, fire };
}

export function FireEventDialog({
  open,
  farmId,
  farmName,
  servers,
  onFired,
  onClose,
}: {
  open: boolean;
  farmId: string;
  farmName: string;
  servers: Server[] | undefined;
  onFired: (name: string) => void;
  onClose: () => void;
}) {
  const { name, setName, payload, setPayload, serverId, setServerId, errors, problem, busy, fire } =
    useFireEvent(farmId, onFired);
  const live = servers?.filter((s) => s.status !== 'Terminated' && s.status !== 'Failed') ?? [];

  return (
    <ModalDialog
      open={open}
      className="fire-dialog"
      titleId="fire-event-title"
      onSubmit={fire}
      onClose={onClose}
    >
      <h2 id="fire-event-title">Fire an event on {farmName}</h2>
      <div className="dialog-body">
        {problem && <ProblemNotice problem={problem} />}
        <TextField
          id="fire-event-name"
          label="Event name"
          hint="A custom name; rules and webhooks that name it follow it"
          placeholder="DeployFinished"
          spellCheck={false}
          autoComplete="off"
          error={errors.name}
          value={name}
          onChange={setName}
        />
        <TextAreaField
          id="fire-event-payload"
          label="Payload (JSON)"
          error={errors.payload}
          className="mono"
          rows={5}
          spellCheck={false}
          value={payload}
          onChange={setPayload}
        />
        <FormField
          id="fire-event-server"
          label="About a server (optional)"
          hint="Rules that run on the triggering server run there"
          error={errors.serverId}
        >
          {(p) => (
            <select {...p} value={serverId} onChange={(e) => setServerId(e.target.value)}>
              <option value="">No server: the farm</option>
              {live.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.farmRoleAlias} #{s.index} ({s.status})
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Firing…' : 'Fire event'}
        </button>
      </div>
    </ModalDialog>
  );
}
