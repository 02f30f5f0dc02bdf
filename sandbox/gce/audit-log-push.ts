// What GCP does between an instance change and Drover's API, in one piece: Cloud Audit Logs
// writes an entry (protoPayload.methodName v1.compute.instances.insert|delete|stop|start,
// resourceName projects/P/zones/Z/instances/NAME), a log sink routes it to a Pub/Sub topic, and
// a push subscription with authentication POSTs it to the endpoint in Pub/Sub's envelope with
// an OIDC token Google signs for the subscription's service account. Here the sandbox is
// "Google": it holds an RSA key, serves its public half as a JWKS (`GET /oauth2/v3/certs`, the
// path Google uses) and signs each push with it. Off until `pushTo` names an endpoint.
// Deliveries are at-least-once like Pub/Sub's: a push answered other than 2xx is retried a few
// times with backoff, then dropped (a subscription would dead-letter it).
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { StateChange } from '../core/sandbox-cloud';

export interface AuditLogPushTarget {
  /** The push endpoint (Drover's route). */
  endpoint: string;
  /** The token's `aud` (a subscription's default is the endpoint URL). */
  audience: string;
  /** The service account the subscription pushes as (the token's `email`). */
  serviceAccountEmail: string;
  /** The project whose instances these are (a sink routes one project's logs). */
  project: string;
  subscription?: string;
}

const ISSUER = 'https://accounts.google.com';
const RETRY_DELAYS_MS = [200, 1_000, 5_000];

type Signer = { privateKey: CryptoKey; jwk: JWK };

export class AuditLogPush {
  private target?: AuditLogPushTarget;
  private signer?: Promise<Signer>;
  private readonly inFlight = new Set<Promise<void>>();
  /** Counts by HTTP status of the last attempt of each push (tests and benchmarks). */
  readonly answers = new Map<number, number>();

  pushTo(target: AuditLogPushTarget | undefined): void {
    this.target = target;
  }

  /** The public keys pushes are signed with, as Google publishes its own. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.keys()).jwk] };
  }

  /** A token as a push carries it; tests make bad ones by overriding claims. */
  async token(claims: Record<string, unknown> = {}, expiresIn = '1h'): Promise<string> {
    const { privateKey, jwk } = await this.keys();
    return new SignJWT({ email: this.target?.serviceAccountEmail, email_verified: true, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid!, typ: 'JWT' })
      .setIssuer(String(claims.iss ?? ISSUER))
      .setAudience(String(claims.aud ?? this.target?.audience ?? ''))
      .setSubject('108886301010012345678')
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  }

  /** A state-change listener: the audit log entry of the change, pushed. */
  readonly onStateChange = (change: StateChange): void => {
    const target = this.target;
    const method = methodOf(change);
    if (!target || !method) return;
    const delivery = this.deliver(target, auditLogEnvelope(target, change, method)).finally(() =>
      this.inFlight.delete(delivery),
    );
    this.inFlight.add(delivery);
  };

  /** Waits for the pushes in flight (stop). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(target: AuditLogPushTarget, envelope: unknown): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const status = await this.post(target, envelope);
      if ((status >= 200 && status < 300) || attempt >= RETRY_DELAYS_MS.length || !this.target) {
        this.answers.set(status, (this.answers.get(status) ?? 0) + 1);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }

  private async post(target: AuditLogPushTarget, envelope: unknown): Promise<number> {
    try {
      const res = await fetch(target.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token()}` },
        body: JSON.stringify(envelope),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0; // unreachable: retried like a 5xx
    }
  }

  private keys(): Promise<Signer> {
    this.signer ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
      return { privateKey, jwk };
    })();
    return this.signer;
  }
}

interface AuditMethod {
  verb: 'insert' | 'delete' | 'stop' | 'start';
  /** Long operations log a first entry when they start and a last when they end. */
  phase: 'first' | 'last';
}

/** The audit log method a state change stands for; null for steps no entry is written for (booting). */
export function methodOf({ instance, previous }: StateChange): AuditMethod | null {
  if (previous === null) return { verb: 'insert', phase: 'first' };
  switch (instance.state) {
    case 'shutting-down':
      return { verb: 'delete', phase: 'first' };
    case 'terminated':
      return { verb: 'delete', phase: 'last' };
    case 'stopping':
      return { verb: 'stop', phase: 'first' };
    case 'stopped':
      return { verb: 'stop', phase: 'last' };
    case 'running':
      return previous === 'stopped' ? { verb: 'start', phase: 'last' } : null;
    default:
      return null;
  }
}

/** The Pub/Sub push body of one audit log entry, as a sink and push subscription deliver it. */
export function auditLogEnvelope(target: AuditLogPushTarget, change: StateChange, method: AuditMethod) {
  const { instance } = change;
  const entry = {
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      serviceName: 'compute.googleapis.com',
      methodName: `v1.compute.instances.${method.verb}`,
      resourceName: `projects/${target.project}/zones/${instance.zone}/instances/${instance.instanceId}`,
      authenticationInfo: { principalEmail: 'console@sandbox' },
      ...(method.verb === 'insert' ? { request: { labels: instance.tags } } : {}),
    },
    resource: { type: 'gce_instance', labels: { project_id: target.project, zone: instance.zone } },
    operation: { id: `operation-${instance.instanceId}-${method.verb}`, [method.phase]: true },
    logName: `projects/${target.project}/logs/cloudaudit.googleapis.com%2Factivity`,
    severity: 'NOTICE',
    timestamp: new Date().toISOString(),
  };
  return {
    message: {
      data: Buffer.from(JSON.stringify(entry)).toString('base64'),
      messageId: randomUUID(),
      publishTime: entry.timestamp,
    },
    subscription: target.subscription ?? `projects/${target.project}/subscriptions/drover-gce-audit-logs`,
  };
}
