// The event routing table: which events trigger which function. infra/ creates an EventBridge
// rule per entry; local/ applies the same patterns on its in-process bus. Data, defined once.
import { EVENT_SOURCE } from '../ports/event-publisher';

export type EventTarget = 'reconcile' | 'webhooks' | 'orchestration';

export interface EventRule {
  name: string;
  description: string;
  /** On the `drover` bus, or AWS's default bus (EC2 notifications). */
  bus: 'drover' | 'default';
  /** An EventBridge event pattern (the subset used here: source, detail-type, exact matches; no detail-type: any). */
  pattern: { source: string[]; 'detail-type'?: string[] };
  target: EventTarget;
}

/** Drover events after which a farm should be reconciled at once rather than at its next tick. */
export const RECONCILE_TRIGGERS = [
  'FarmLaunchRequested',
  'FarmTerminateRequested',
  'FarmSuspendRequested',
  'FarmResumeRequested',
  'FarmSpecChanged',
  'ServerTerminateRequested',
  'HostUp',
  'HostInitFailed',
  'BeforeHostUpFailed',
  // A BeforeHostTerminate script ended: the terminate it held can go ahead.
  'BeforeHostTerminateEnded',
  // A cloud that pushes to the API reported one of the farm's instances changed (GCE audit logs:
  // services/cloud-events); EC2's notifications come by their own rule below.
  'CloudInstanceChanged',
] as const;

export const EVENT_RULES: EventRule[] = [
  {
    name: 'reconcile-on-drover-events',
    description: 'Reconcile a farm at once when its spec, lifecycle or a server changes',
    bus: 'drover',
    pattern: { source: [EVENT_SOURCE], 'detail-type': [...RECONCILE_TRIGGERS] },
    target: 'reconcile',
  },
  {
    name: 'reconcile-on-ec2-state-change',
    description:
      'Reconcile the farm of an EC2 instance that changed state (found through the instance index)',
    bus: 'default',
    pattern: { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
    target: 'reconcile',
  },
  {
    name: 'webhooks-on-drover-events',
    description: 'Every Drover event to the webhook dispatcher, which matches it against the webhooks',
    bus: 'drover',
    pattern: { source: [EVENT_SOURCE] },
    target: 'webhooks',
  },
  {
    name: 'orchestration-on-drover-events',
    description: 'Every Drover event to the orchestrator, which runs the orchestration rules that follow it',
    bus: 'drover',
    pattern: { source: [EVENT_SOURCE] },
    target: 'orchestration',
  },
];

/** Does an event match a rule's pattern (EventBridge semantics for this subset)? */
export function matchesRule(rule: EventRule, event: { source: string; 'detail-type': string }): boolean {
  return (
    rule.pattern.source.includes(event.source) &&
    (rule.pattern['detail-type'] === undefined || rule.pattern['detail-type'].includes(event['detail-type']))
  );
}
