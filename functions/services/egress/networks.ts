// The operator's allow-list of networks (CIDR), the one way hosted mode reaches a non-public
// address: the sandbox clouds on 127.0.0.1 locally, a customer's OpenStack or CloudStack API
// over a VPN in AWS. Addresses are compared as 128-bit numbers with IPv4 held in its
// IPv4-mapped form (::ffff:a.b.c.d), so `127.0.0.1/32` also covers `::ffff:127.0.0.1`.
import { isIPv4, isIPv6 } from 'node:net';
import { hextets, v4 } from './address-class';

export interface Network {
  /** As the operator wrote it, for messages. */
  cidr: string;
  base: bigint;
  prefix: number;
}

const MAPPED = 0xffffn << 32n;

/** The 128-bit value of an IP address, or null when the text is not one. */
export function addressValue(address: string): bigint | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return MAPPED | BigInt(v4(bare));
  if (!isIPv6(bare)) return null;
  return hextets(bare).reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

const maskOf = (prefix: number) => ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);

/** Parses `a.b.c.d/n` or `x::y/n` (a bare address is a single host). Throws on anything else. */
export function parseNetwork(text: string): Network {
  const cidr = text.trim();
  const [address = '', bits, extra] = cidr.split('/');
  const value = addressValue(address);
  const v4Address = isIPv4(address);
  const width = v4Address ? 32 : 128;
  const given = bits === undefined ? width : Number(bits);
  if (value === null || extra !== undefined || !/^\d{1,3}$/.test(bits ?? '0') || given > width)
    throw new Error(`"${cidr}" is not a CIDR network (e.g. 10.20.0.0/16 or fd00::/8)`);
  const prefix = v4Address ? 96 + given : given;
  return { cidr, base: value & maskOf(prefix), prefix };
}

/** A comma- or space-separated list (DROVER_EGRESS_ALLOW, the CDK context key); empty → none. */
export function parseNetworkList(text: string | undefined): Network[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseNetwork);
}

/** The first network holding the address, or undefined. */
export function networkOf(address: string, networks: readonly Network[]): Network | undefined {
  const value = addressValue(address);
  if (value === null) return undefined;
  return networks.find((n) => (value & maskOf(n.prefix)) === n.base);
}
