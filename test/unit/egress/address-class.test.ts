// classifyAddress: which IPs hosted mode lets a webhook reach (only `public`), including the
// IPv6 spellings that hide an IPv4 address.
import { describe, expect, it } from 'vitest';
import { type AddressClass, classifyAddress } from '../../../functions/services/egress/address-class';

const cases: [address: string, expected: AddressClass, why: string][] = [
  ['93.184.216.34', 'public', 'an ordinary internet address'],
  ['8.8.8.8', 'public', 'a public resolver'],
  ['0.0.0.0', 'unspecified', '"this host": connects to localhost on Linux'],
  ['0.1.2.3', 'unspecified', 'the rest of 0/8'],
  ['127.0.0.1', 'loopback', 'loopback'],
  ['127.255.255.254', 'loopback', 'all of 127/8 is loopback'],
  ['10.1.2.3', 'private', 'RFC 1918 10/8'],
  ['172.16.0.1', 'private', 'RFC 1918 172.16/12, first'],
  ['172.31.255.255', 'private', 'RFC 1918 172.16/12, last'],
  ['172.32.0.1', 'public', 'just past 172.16/12'],
  ['192.168.1.1', 'private', 'RFC 1918 192.168/16'],
  ['100.64.0.1', 'cgnat', 'RFC 6598 shared address space'],
  ['100.127.255.255', 'cgnat', 'end of 100.64/10'],
  ['100.128.0.1', 'public', 'just past 100.64/10'],
  ['100.100.100.200', 'metadata', 'Alibaba Cloud metadata (inside CGNAT)'],
  ['169.254.169.254', 'metadata', 'AWS/GCP/Azure instance metadata'],
  ['169.254.170.2', 'metadata', 'ECS task metadata'],
  ['169.254.1.1', 'link-local', 'link-local'],
  ['224.0.0.1', 'multicast', 'multicast'],
  ['239.255.255.250', 'multicast', 'SSDP multicast'],
  ['255.255.255.255', 'reserved', 'broadcast'],
  ['240.0.0.1', 'reserved', 'class E'],
  ['192.0.2.10', 'reserved', 'TEST-NET-1'],
  ['198.18.0.1', 'reserved', 'benchmarking'],
  ['::', 'unspecified', 'IPv6 unspecified'],
  ['::1', 'loopback', 'IPv6 loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback', 'IPv6 loopback, long form'],
  ['::ffff:127.0.0.1', 'loopback', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'loopback', 'IPv4-mapped loopback in hex'],
  ['::ffff:169.254.169.254', 'metadata', 'IPv4-mapped metadata'],
  ['::ffff:10.0.0.1', 'private', 'IPv4-mapped private'],
  ['::ffff:93.184.216.34', 'public', 'IPv4-mapped public'],
  ['64:ff9b::a9fe:a9fe', 'metadata', 'NAT64 of 169.254.169.254'],
  ['64:ff9b::5db8:d822', 'public', 'NAT64 of a public address'],
  ['2002:7f00:1::', 'loopback', '6to4 of 127.0.0.1'],
  ['2002:5db8:d822::1', 'public', '6to4 of a public address'],
  ['::127.0.0.1', 'reserved', 'IPv4-compatible (deprecated)'],
  ['fd00:ec2::254', 'metadata', 'EC2 metadata over IPv6'],
  ['fc00::1', 'private', 'unique local'],
  ['fdff:ffff::1', 'private', 'unique local, fd'],
  ['fe80::1', 'link-local', 'IPv6 link-local'],
  ['fe80::1%eth0', 'link-local', 'with a zone'],
  ['febf::1', 'link-local', 'end of fe80::/10'],
  ['fec0::1', 'private', 'site-local (deprecated)'],
  ['ff02::1', 'multicast', 'IPv6 multicast'],
  ['2001:db8::1', 'reserved', 'documentation'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved', 'Teredo'],
  ['100::1', 'reserved', 'discard-only'],
  ['2606:4700:4700::1111', 'public', 'a public IPv6 resolver'],
  ['[::1]', 'loopback', 'bracketed, as in a URL'],
  ['localhost', 'invalid', 'a name is not an address'],
  ['256.1.1.1', 'invalid', 'not an IPv4 address'],
  ['', 'invalid', 'empty'],
];

describe('classifyAddress', () => {
  it.each(cases)('%s is %s (%s)', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});
