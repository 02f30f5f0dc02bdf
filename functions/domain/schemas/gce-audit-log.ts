// What Compute Engine tells Drover when an instance changes: a Cloud Audit Logs entry
// (LogEntry with an AuditLog protoPayload), routed by a log sink to a Pub/Sub topic and pushed
// to the API (contract/cloud-event-routes.ts) in Pub/Sub's push envelope. Both shapes here:
// the envelope is the route's body; the entry is what its base64 `message.data` holds. Only
// the fields Drover reads are checked; Google adds others (kept, not read). Bounds are generous
// for a real entry and keep one push small: Pub/Sub messages are at most 10 MB, audit log
// entries of instance changes a few kilobytes.
import { z } from 'zod';

/** The most base64 `message.data` one push may carry (an audit log entry is a few KiB). */
export const PUSH_DATA_MAX_CHARS = 256 * 1024;

export const PubSubPushEnvelope = z
  .looseObject({
    message: z.looseObject({
      data: z.base64().max(PUSH_DATA_MAX_CHARS),
      messageId: z.string().min(1).max(256),
      publishTime: z.string().max(64).optional(),
      attributes: z.record(z.string().max(256), z.string().max(1024)).optional(),
    }),
    subscription: z.string().min(1).max(512),
    deliveryAttempt: z.number().int().min(0).optional(),
  })
  .meta({ id: 'PubSubPushEnvelope', description: 'A Pub/Sub push delivery of one Cloud Audit Logs entry' });
export type PubSubPushEnvelope = z.infer<typeof PubSubPushEnvelope>;

/** `projects/P/zones/Z/instances/NAME`, as audit logs name an instance. */
const INSTANCE_RESOURCE =
  /^projects\/([a-z][-a-z0-9.:]{0,99})\/zones\/([a-z0-9-]{1,63})\/instances\/([a-z]([-a-z0-9]{0,61}[a-z0-9])?)$/;

const Labels = z.record(z.string().max(63), z.string().max(63));

export const GceAuditLogEntry = z.looseObject({
  protoPayload: z.looseObject({
    methodName: z.string().min(1).max(256),
    resourceName: z.string().regex(INSTANCE_RESOURCE, 'projects/<project>/zones/<zone>/instances/<name>'),
    /** An insert's request names the labels the instance was made with. */
    request: z.looseObject({ labels: Labels.optional() }).optional(),
  }),
  /** Present on entries of long operations: the first when it starts, the last when it ends. */
  operation: z.looseObject({ first: z.boolean().optional(), last: z.boolean().optional() }).optional(),
  timestamp: z.string().max(64).optional(),
});
export type GceAuditLogEntry = z.infer<typeof GceAuditLogEntry>;

/** One instance change read from an entry. */
export interface GceInstanceChange {
  methodName: string;
  project: string;
  zone: string;
  instanceName: string;
  labels: Record<string, string>;
}

export function instanceChangeOf(entry: GceAuditLogEntry): GceInstanceChange {
  const [, project, zone, instanceName] = INSTANCE_RESOURCE.exec(entry.protoPayload.resourceName)!;
  return {
    methodName: entry.protoPayload.methodName,
    project: project!,
    zone: zone!,
    instanceName: instanceName!,
    labels: entry.protoPayload.request?.labels ?? {},
  };
}

/**
 * The methods after which the instance's farm should look at once: Drover's own calls and
 * anyone else's (console, gcloud), and the system events GCE logs (preemption, host error).
 * Other methods on instances (setMetadata, setLabels…) change nothing the planner reads.
 */
export const GCE_LIFECYCLE_METHODS = [
  'insert',
  'delete',
  'stop',
  'start',
  'suspend',
  'resume',
  'reset',
  'preempted',
  'hostError',
  'guestTerminate',
  'automaticRestart',
] as const;

/** `v1.compute.instances.delete`, `beta.compute.instances.stop`, `compute.instances.preempted` → its verb if a lifecycle one. */
export function lifecycleVerbOf(methodName: string): string | null {
  const match = /^(?:[a-z0-9]+\.)?compute\.instances\.([A-Za-z]+)$/.exec(methodName);
  const verb = match?.[1];
  return verb && (GCE_LIFECYCLE_METHODS as readonly string[]).includes(verb) ? verb : null;
}
