// The hosted egress rules over the operator's allow-list: parsing CIDR networks, which addresses an
// allow-list covers (IPv4 also in its IPv4-mapped spelling), what it can never open (metadata,
// unspecified), and the URL rules (https unless every address is allow-listed, no user info).
import { describe, expect, it } from 'vitest';
import { addressRefusal, OPEN_EGRESS, urlRefusal } from '../../../functions/services/egress/egress-policy';
import { networkOf, parseNetwork, parseNetworkList } from '../../../functions/services/egress/networks';

const hosted = (allow = '') => ({ hosted: true, allow: parseNetworkList(allow) });

describe('parseNetworkList', () => {
  it('reads comma- or space-separated CIDR networks, a bare address being one host', () => {
    expect(parseNetworkList('127.0.0.1/32, 10.20.0.0/16 fd00::/8 192.168.1.5').map((n) => n.cidr)).toEqual([
      '127.0.0.1/32',
      '10.20.0.0/16',
      'fd00::/8',
      '192.168.1.5',
    ]);
    expect(parseNetworkList(undefined)).toEqual([]);
    expect(parseNetworkList('  ')).toEqual([]);
  });

  it.each([
    ['10.0.0.0/33', 'an IPv4 prefix longer than 32'],
    ['fd00::/129', 'an IPv6 prefix longer than 128'],
    ['example.com/24', 'a name, not an address'],
    ['10.0.0.0/8/8', 'two prefixes'],
    ['10.0.0.0/x', 'a prefix that is not a number'],
  ])('refuses %s (%s)', (text) => {
    expect(() => parseNetwork(text)).toThrow(/not a CIDR network/);
  });
});

describe('networkOf', () => {
  const allow = parseNetworkList('127.0.0.1/32,10.20.0.0/16,fd00:1::/32');
  it.each([
    ['127.0.0.1', '127.0.0.1/32', 'the host itself'],
    ['::ffff:127.0.0.1', '127.0.0.1/32', 'the same host, IPv4-mapped'],
    ['10.20.255.1', '10.20.0.0/16', 'inside the /16'],
    ['fd00:1:ffff::1', 'fd00:1::/32', 'inside the IPv6 /32'],
  ])('%s is in %s (%s)', (address, cidr) => {
    expect(networkOf(address, allow)?.cidr).toBe(cidr);
  });
  it.each([
    ['127.0.0.2', 'the next host'],
    ['::1', 'IPv6 loopback is not 127.0.0.1'],
    ['10.21.0.1', 'just outside the /16'],
    ['fd00:2::1', 'outside the IPv6 /32'],
    ['not-an-ip', 'not an address'],
  ])('%s is in none (%s)', (address) => {
    expect(networkOf(address, allow)).toBeUndefined();
  });
});

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', '', 'loopback'],
    ['10.0.0.5', '', 'private'],
    ['169.254.169.254', '', 'metadata'],
    ['169.254.169.254', '169.254.0.0/16', 'metadata: never opened by an allow-list'],
    ['0.0.0.0', '0.0.0.0/0', 'unspecified: never opened by an allow-list'],
    ['::1', '127.0.0.1/32', 'loopback: ::1 is not on the list'],
  ])('refuses %s with allow-list "%s" (%s)', (address, allow, why) => {
    expect(addressRefusal(hosted(allow), address)).toContain(why.split(':')[0]);
  });

  it.each([
    ['93.184.216.34', '', 'public'],
    ['127.0.0.1', '127.0.0.1/32', 'allow-listed loopback (the sandbox clouds)'],
    ['10.20.3.4', '10.20.0.0/16', "allow-listed private network (a customer's private cloud)"],
  ])('lets %s through with allow-list "%s" (%s)', (address, allow) => {
    expect(addressRefusal(hosted(allow), address)).toBeNull();
  });

  it('lets everything through outside hosted mode', () => {
    expect(addressRefusal(OPEN_EGRESS, '169.254.169.254')).toBeNull();
  });
});

describe('urlRefusal', () => {
  const at = (address: string) => [{ address, family: 4 as const }];
  it('asks for https unless every address is allow-listed', () => {
    expect(urlRefusal(hosted(), new URL('http://public.example/'), at('93.184.216.34'))).toBe(
      'must use https',
    );
    expect(urlRefusal(hosted('127.0.0.1/32'), new URL('http://127.0.0.1:3100/'), at('127.0.0.1'))).toBeNull();
    expect(urlRefusal(hosted(), new URL('https://public.example/'), at('93.184.216.34'))).toBeNull();
  });
  it('refuses a user name or password in the URL', () => {
    expect(urlRefusal(hosted(), new URL('https://u:p@public.example/'), at('93.184.216.34'))).toMatch(
      /user name/,
    );
  });
});
