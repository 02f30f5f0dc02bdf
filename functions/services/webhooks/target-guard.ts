// The SSRF rules of hosted mode, applied when an endpoint is saved and again at every send:
// the URL must be https and every address its host resolves to must be public (address-class.ts).
// At send the connection then goes to the address that was checked (webhook-transport.ts), so a
// name that resolves to a public address at save and to 169.254.169.254 later (DNS rebinding)
// is refused rather than followed. Outside hosted mode (the local runtime) any http(s) target
// is allowed, so tests and developers can receive on 127.0.0.1.
import { Unprocessable } from '../../domain/errors';
import type { ResolvedAddress } from '../../ports/webhook-transport';
import { classifyAddress } from './address-class';
import type { WebhookDeps } from './deps';

type GuardDeps = Pick<WebhookDeps, 'resolver' | 'webhookSettings'>;

export type SendTarget =
  | { kind: 'ok'; address: ResolvedAddress }
  /** Not allowed: never retried. */
  | { kind: 'refused'; reason: string }
  /** The name did not resolve now: worth another try. */
  | { kind: 'unresolved'; reason: string };

/** Why an address may not be a target, or null when it may. */
function refusal(addresses: ResolvedAddress[]): string | null {
  for (const a of addresses) {
    const kind = classifyAddress(a.address);
    if (kind !== 'public') return `${a.address} is a ${kind} address`;
  }
  return null;
}

/** At save: 422 at `url` when hosted mode forbids the URL. */
export async function checkEndpointUrl(deps: GuardDeps, url: string): Promise<void> {
  if (!deps.webhookSettings.hosted) return;
  const refuse = (message: string) =>
    new Unprocessable(`The endpoint URL is not allowed: ${message}`, [{ in: 'body', path: 'url', message }]);
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw refuse('must use https');
  let addresses: ResolvedAddress[];
  try {
    addresses = await deps.resolver.resolve(parsed.hostname);
  } catch {
    throw refuse(`${parsed.hostname} does not resolve`);
  }
  const why = refusal(addresses);
  if (why) throw refuse(`must reach a public address (${why})`);
}

/** At send: the address to connect to, after the same rules. */
export async function resolveSendTarget(deps: GuardDeps, url: URL): Promise<SendTarget> {
  const hosted = deps.webhookSettings.hosted;
  if (hosted && url.protocol !== 'https:') return { kind: 'refused', reason: 'hosted mode requires https' };
  let addresses: ResolvedAddress[];
  try {
    addresses = await deps.resolver.resolve(url.hostname);
  } catch (err) {
    return { kind: 'unresolved', reason: `${url.hostname} does not resolve (${(err as Error).message})` };
  }
  if (addresses.length === 0) return { kind: 'unresolved', reason: `${url.hostname} has no address` };
  if (hosted) {
    const why = refusal(addresses);
    if (why) return { kind: 'refused', reason: `${url.hostname} resolves to a forbidden address: ${why}` };
  }
  return { kind: 'ok', address: addresses[0]! };
}
