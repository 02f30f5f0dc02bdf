// Nova's microversion negotiation: the request names one (`OpenStack-API-Version: compute 2.79`,
// or the legacy `X-OpenStack-Nova-API-Version`, or `latest`); without one Nova answers as 2.1.
// An unsupported version is 406 with Nova's wording. Every answer names the version it used.
import {
  LEGACY_MICROVERSION_HEADER,
  MICROVERSION_HEADER,
  NOVA_MICROVERSION,
  NOVA_MIN_MICROVERSION,
} from '../../functions/adapters/clouds/openstack/client/wire/nova';
import { OpenStackFault } from './errors';

const toPair = (v: string) => v.split('.').map(Number) as [number, number];
const compare = (a: string, b: string) => {
  const [a1, a2] = toPair(a);
  const [b1, b2] = toPair(b);
  return a1 - b1 || a2 - b2;
};

/** The microversion a compute request asked for (validated), e.g. `2.79`. */
export function requestedMicroversion(headers: Record<string, string | string[] | undefined>): string {
  const modern = String(headers[MICROVERSION_HEADER] ?? '');
  const asked =
    /^compute\s+(\S+)$/i.exec(modern.trim())?.[1] ?? String(headers[LEGACY_MICROVERSION_HEADER] ?? '').trim();
  if (!asked) return NOVA_MIN_MICROVERSION;
  if (asked === 'latest') return NOVA_MICROVERSION;
  if (!/^\d+\.\d+$/.test(asked))
    throw new OpenStackFault(
      400,
      'badRequest',
      `Invalid format for API version ${asked}. Must be of the form 'X.Y'`,
    );
  if (compare(asked, NOVA_MIN_MICROVERSION) < 0 || compare(asked, NOVA_MICROVERSION) > 0)
    throw new OpenStackFault(
      406,
      'computeFault',
      `Version ${asked} is not supported by the API. Minimum is ${NOVA_MIN_MICROVERSION} and maximum is ${NOVA_MICROVERSION}.`,
    );
  return asked;
}

export const atLeast = (version: string, wanted: string) => compare(version, wanted) >= 0;

export function microversionHeaders(version: string): Record<string, string> {
  return {
    [MICROVERSION_HEADER]: `compute ${version}`,
    [LEGACY_MICROVERSION_HEADER]: version,
    vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
  };
}
