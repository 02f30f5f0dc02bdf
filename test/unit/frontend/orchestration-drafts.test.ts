// The script and orchestration rule forms' drafts ↔ the shared ScriptInput and
// OrchestrationRuleInput: what a person picks and types becomes the API's input, round trips
// through a stored rule, and the schema's issues land under the fields that caused them.
import { describe, expect, it } from 'vitest';
import { checkCustomEvent } from '../../../frontend/components/fire-event-dialog';
import { errorsFromZod } from '../../../frontend/lib/field-errors';
import { emptyRule, type RuleDraft, ruleDraftOf, toRuleInput } from '../../../frontend/lib/rule-draft';
import { emptyScript, shebangOf, toScriptInput } from '../../../frontend/lib/script-draft';
import {
  OrchestrationRule,
  OrchestrationRuleInput,
  ScriptInput,
} from '../../../functions/domain/schemas/orchestration';

const ENV = 'env-01hzy3k5q8w2m4n6p8r0t2v4x6';
const FARM = 'farm-01hzy3k5q8w2m4n6p8r0t2v4x6';
const FARM_ROLE = 'fr-01hzy3k5q8w2m4n6p8r0t2v4x6';
const SCRIPT = 'scr-01hzy3k5q8w2m4n6p8r0t2v4x6';

const rule = (patch: Partial<RuleDraft>): RuleDraft => ({ ...emptyRule(ENV), scriptId: SCRIPT, ...patch });

function ruleErrors(draft: RuleDraft) {
  const parsed = OrchestrationRuleInput.safeParse(toRuleInput(draft));
  return parsed.success ? {} : errorsFromZod(parsed.error);
}

describe('script drafts', () => {
  it('turn typed text into a valid ScriptInput (the timeout as a number)', () => {
    const input = ScriptInput.parse(
      toScriptInput({ ...emptyScript(), name: 'hello-host', body: 'echo hi', timeoutSeconds: '60' }),
    );
    expect(input).toMatchObject({
      name: 'hello-host',
      timeoutSeconds: 60,
      blocking: true,
      interpreterHint: 'sh',
    });
  });

  it.each([
    ['an empty name', { name: '' }, 'name'],
    ['an empty body', { name: 'x', body: '' }, 'body'],
    ['a timeout that is not a number', { name: 'x', timeoutSeconds: 'soon' }, 'timeoutSeconds'],
    ['a timeout over a day', { name: 'x', timeoutSeconds: '90000' }, 'timeoutSeconds'],
  ])('refuse %s under its field', (_why, patch, field) => {
    const parsed = ScriptInput.safeParse(toScriptInput({ ...emptyScript(), ...patch }));
    expect(parsed.success).toBe(false);
    expect(Object.keys(errorsFromZod(parsed.error!))).toContain(field);
  });

  it.each([
    ['#!/usr/bin/env python3\nprint(1)', '/usr/bin/env python3'],
    ['#!/bin/bash', '/bin/bash'],
    ['echo no shebang', undefined],
  ])('read the interpreter from the shebang of %j', (body, expected) => {
    expect(shebangOf(body)).toBe(expected);
  });
});

describe('rule drafts', () => {
  it('make an environment-scope HostUp rule following the latest version by default', () => {
    expect(OrchestrationRuleInput.parse(toRuleInput(rule({})))).toMatchObject({
      scope: { kind: 'environment', environmentId: ENV },
      event: 'HostUp',
      target: 'triggering-server',
      scriptVersion: null,
      blocking: null,
      timeoutSeconds: null,
      abortOnFailure: false,
    });
  });

  it.each<[string, Partial<RuleDraft>, Record<string, unknown>]>([
    ['account scope', { scopeKind: 'account' }, { scope: { kind: 'account' } }],
    [
      'farm role scope',
      { scopeKind: 'farmRole', farmId: FARM, farmRoleId: FARM_ROLE },
      { scope: { kind: 'farmRole', farmId: FARM, farmRoleId: FARM_ROLE } },
    ],
    ['a custom event', { event: '', customEvent: ' DeployFinished ' }, { event: 'DeployFinished' }],
    ['a pinned version', { scriptVersion: '3' }, { scriptVersion: 3 }],
    [
      'blocking forced off with a timeout',
      { blocking: 'no', timeoutSeconds: '30' },
      { blocking: false, timeoutSeconds: 30 },
    ],
    [
      'abort on a BeforeHostUp rule',
      { event: 'BeforeHostUp', abortOnFailure: true },
      { abortOnFailure: true },
    ],
    // The switch stays ticked in the draft when the event changes; the API refuses it elsewhere.
    [
      'abort dropped on any other event',
      { event: 'HostUp', abortOnFailure: true },
      { abortOnFailure: false },
    ],
  ])('carry %s', (_why, patch, expected) => {
    expect(OrchestrationRuleInput.parse(toRuleInput(rule(patch)))).toMatchObject(expected);
  });

  it.each<[string, Partial<RuleDraft>, string]>([
    ['an environment scope with no environment', { environmentId: '' }, 'scope.environmentId'],
    ['a farm role scope with no farm role', { scopeKind: 'farmRole', farmId: FARM }, 'scope.farmRoleId'],
    ['no script', { scriptId: '' }, 'scriptId'],
    ['a custom event name with spaces', { event: '', customEvent: 'deploy done' }, 'event'],
    ['an order that is not a number', { order: 'first' }, 'order'],
    ['a run-as that is no user name', { runAs: 'Root User' }, 'runAs'],
  ])('put %s under its field', (_why, patch, field) => {
    expect(Object.keys(ruleErrors(rule(patch)))).toContain(field);
  });

  it('round-trip a stored rule through the form unchanged', () => {
    const stored = OrchestrationRule.parse({
      ...OrchestrationRuleInput.parse({
        scope: { kind: 'farm', farmId: FARM },
        event: 'DeployFinished',
        target: 'farm',
        scriptId: SCRIPT,
        scriptVersion: 2,
        order: 7,
        blocking: true,
        timeoutSeconds: 45,
        runAs: 'deploy',
        description: 'after a deploy',
      }),
      id: 'rule-01hzy3k5q8w2m4n6p8r0t2v4x6',
      accountId: 'acc-01hzy3k5q8w2m4n6p8r0t2v4x6',
      version: 1,
      createdAt: '2026-11-25T14:00:00.000Z',
      updatedAt: '2026-11-25T14:00:00.000Z',
    });
    const { id, accountId, version, createdAt, updatedAt, ...input } = stored;
    expect(OrchestrationRuleInput.parse(toRuleInput(ruleDraftOf(stored)))).toEqual(input);
  });
});

describe('custom events fired from the farm page', () => {
  it.each<[string, string, string, string[]]>([
    ['a name and a JSON object', 'DeployFinished', '{"release": "1.4.2"}', []],
    ['an empty payload as {}', 'BackupDone', '  ', []],
    ['a name with a dash', 'deploy-done', '{}', ['name']],
    ['a payload that is an array', 'Deploy', '[1]', ['payload']],
    ['a payload that is not JSON', 'Deploy', '{release: 1}', ['payload']],
  ])('check %s', (_why, name, payload, fields) => {
    expect(Object.keys(checkCustomEvent(name, payload).errors)).toEqual(fields);
  });
});
