// The orchestration rule form's state as typed and its conversion to the shared
// OrchestrationRuleInput: the scope as a kind plus the ids it needs, the event chosen from the
// lifecycle list or typed as a custom name, the version "latest" or pinned, numbers as text,
// blocking as "the script's default" / yes / no.
import type { OrchestrationRule, RuleScope, RuleTarget } from '../../functions/domain/schemas/orchestration';
import { LIFECYCLE_EVENTS } from '../../functions/domain/schemas/webhook';
import { numberOf } from './script-draft';

export type ScopeKind = RuleScope['kind'];
export const SCOPE_KINDS: { kind: ScopeKind; label: string }[] = [
  { kind: 'account', label: 'Account (every farm of every environment)' },
  { kind: 'environment', label: 'Environment' },
  { kind: 'role', label: 'Role' },
  { kind: 'farm', label: 'Farm' },
  { kind: 'farmRole', label: 'Farm role' },
];

export const TARGETS: { target: RuleTarget; label: string }[] = [
  { target: 'triggering-server', label: 'The server that raised the event' },
  { target: 'farm-role', label: 'Every server of its farm role' },
  { target: 'farm', label: 'Every server of its farm' },
  { target: 'environment', label: 'Every server of its environment' },
];

/** Server lifecycle events first: they are what rules mostly follow. */
export const RULE_EVENTS: readonly string[] = LIFECYCLE_EVENTS;
export const ABORTABLE_EVENT = 'BeforeHostUp';

export interface RuleDraft {
  scopeKind: ScopeKind;
  environmentId: string;
  roleId: string;
  farmId: string;
  farmRoleId: string;
  /** A lifecycle event name, or '' when `customEvent` is used. */
  event: string;
  customEvent: string;
  target: RuleTarget;
  scriptId: string;
  /** '' follows the latest version; a number pins one. */
  scriptVersion: string;
  order: string;
  blocking: 'default' | 'yes' | 'no';
  /** '' uses the script's default. */
  timeoutSeconds: string;
  runAs: string;
  abortOnFailure: boolean;
  enabled: boolean;
  description: string;
}

export function emptyRule(environmentId = ''): RuleDraft {
  return {
    scopeKind: 'environment',
    environmentId,
    roleId: '',
    farmId: '',
    farmRoleId: '',
    event: 'HostUp',
    customEvent: '',
    target: 'triggering-server',
    scriptId: '',
    scriptVersion: '',
    order: '100',
    blocking: 'default',
    timeoutSeconds: '',
    runAs: 'root',
    abortOnFailure: false,
    enabled: true,
    description: '',
  };
}

export function ruleDraftOf(rule: OrchestrationRule): RuleDraft {
  const s = rule.scope;
  const lifecycle = RULE_EVENTS.includes(rule.event);
  return {
    scopeKind: s.kind,
    environmentId: s.kind === 'environment' ? s.environmentId : '',
    roleId: s.kind === 'role' ? s.roleId : '',
    farmId: s.kind === 'farm' || s.kind === 'farmRole' ? s.farmId : '',
    farmRoleId: s.kind === 'farmRole' ? s.farmRoleId : '',
    event: lifecycle ? rule.event : '',
    customEvent: lifecycle ? '' : rule.event,
    target: rule.target,
    scriptId: rule.scriptId,
    scriptVersion: rule.scriptVersion === null ? '' : String(rule.scriptVersion),
    order: String(rule.order),
    blocking: rule.blocking === null ? 'default' : rule.blocking ? 'yes' : 'no',
    timeoutSeconds: rule.timeoutSeconds === null ? '' : String(rule.timeoutSeconds),
    runAs: rule.runAs,
    abortOnFailure: rule.abortOnFailure,
    enabled: rule.enabled,
    description: rule.description,
  };
}

export function scopeOf(draft: RuleDraft): unknown {
  switch (draft.scopeKind) {
    case 'account':
      return { kind: 'account' };
    case 'environment':
      return { kind: 'environment', environmentId: draft.environmentId };
    case 'role':
      return { kind: 'role', roleId: draft.roleId };
    case 'farm':
      return { kind: 'farm', farmId: draft.farmId };
    case 'farmRole':
      return { kind: 'farmRole', farmId: draft.farmId, farmRoleId: draft.farmRoleId };
  }
}

export function eventOf(draft: RuleDraft): string {
  return draft.event || draft.customEvent.trim();
}

export function toRuleInput(draft: RuleDraft): unknown {
  const event = eventOf(draft);
  return {
    scope: scopeOf(draft),
    event,
    target: draft.target,
    scriptId: draft.scriptId,
    scriptVersion: draft.scriptVersion === '' ? null : numberOf(draft.scriptVersion),
    order: numberOf(draft.order),
    blocking: draft.blocking === 'default' ? null : draft.blocking === 'yes',
    timeoutSeconds: draft.timeoutSeconds.trim() === '' ? null : numberOf(draft.timeoutSeconds),
    runAs: draft.runAs.trim(),
    // Only BeforeHostUp can abort a launch; the API refuses the switch on any other event.
    abortOnFailure: event === ABORTABLE_EVENT && draft.abortOnFailure,
    enabled: draft.enabled,
    description: draft.description,
  };
}
