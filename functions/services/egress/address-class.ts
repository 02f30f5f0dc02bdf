// What kind of address an IP is, for the egress rules of hosted mode: only `public` addresses
// (and the operator's allow-listed networks, networks.ts) may be reached through a URL a tenant
// set. Pure (no DNS): the caller resolves names and classifies every address.
// IPv6 forms that embed an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96,
// 6to4 2002::/16) are classified by the IPv4 address inside, so 127.0.0.1 cannot hide in them.
import { isIPv4, isIPv6 } from 'node:net';

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'metadata'
  | 'reserved'
  | 'invalid';

type V4Range = [base: number, bits: number, kind: AddressClass];

export const v4 = (dotted: string): number =>
  dotted.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);

// Most specific first: metadata addresses sit inside link-local and CGNAT ranges.
const V4_RANGES: V4Range[] = [
  [v4('169.254.169.254'), 32, 'metadata'], // AWS, GCP, Azure, OpenStack instance metadata
  [v4('169.254.170.2'), 32, 'metadata'], // ECS task metadata and credentials
  [v4('100.100.100.200'), 32, 'metadata'], // Alibaba Cloud metadata
  [v4('0.0.0.0'), 8, 'unspecified'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'cgnat'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link-local'],
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'], // IETF protocol assignments
  [v4('192.0.2.0'), 24, 'reserved'], // documentation
  [v4('192.88.99.0'), 24, 'reserved'], // 6to4 relay anycast
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'reserved'], // benchmarking
  [v4('198.51.100.0'), 24, 'reserved'], // documentation
  [v4('203.0.113.0'), 24, 'reserved'], // documentation
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('240.0.0.0'), 4, 'reserved'], // future use, and 255.255.255.255 broadcast
];

function classifyV4(value: number): AddressClass {
  for (const [base, bits, kind] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    if (value >= base && value < base + size) return kind;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 becomes the last two). */
export function hextets(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((h) => Number.parseInt(h, 16));
}

const v4Of = (high: number, low: number) => high * 65536 + low;

function classifyV6(h: number[]): AddressClass {
  const [a, b, c, d, e, f, g, last] = h as [number, number, number, number, number, number, number, number];
  const firstSix = [a, b, c, d, e, f];
  if (h.every((x) => x === 0)) return 'unspecified';
  if (firstSix.every((x) => x === 0) && g === 0 && last === 1) return 'loopback';
  // ::ffff:a.b.c.d, IPv4-mapped: what the socket would really reach is the IPv4 address.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return classifyV4(v4Of(g, last));
  // ::a.b.c.d, IPv4-compatible (deprecated), and ::ffff:0:a.b.c.d (SIIT).
  if (firstSix.every((x) => x === 0)) return 'reserved';
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0xffff && f === 0) return classifyV4(v4Of(g, last));
  // 64:ff9b::/96, NAT64 well-known prefix: translated to the embedded IPv4 address.
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0)
    return classifyV4(v4Of(g, last));
  if (a === 0x64 && b === 0xff9b && c === 1) return 'private'; // local-use NAT64 (RFC 8215)
  // 2002::/16, 6to4: the IPv4 address is in the second and third groups.
  if (a === 0x2002) return classifyV4(v4Of(b, c));
  if (a === 0xfd00 && b === 0x0ec2 && firstSix.slice(2).every((x) => x === 0) && g === 0 && last === 0x254)
    return 'metadata'; // EC2 instance metadata over IPv6
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return 'reserved'; // discard-only 100::/64
  if (a === 0x2001 && b === 0x0db8) return 'reserved'; // documentation
  // 2001::/23, IETF protocol assignments, including Teredo (2001::/32, an obfuscated IPv4 inside).
  if (a === 0x2001 && b < 0x200) return 'reserved';
  if ((a & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return 'link-local';
  if ((a & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((a & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

/** Classifies one IP address (v4 or v6, optionally with a zone); anything else is `invalid`. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return classifyV4(v4(bare));
  if (isIPv6(bare)) return classifyV6(hextets(bare));
  return 'invalid';
}
