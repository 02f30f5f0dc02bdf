// HostResolver on the operating system's resolver (getaddrinfo through node:dns lookup, the same
// one an HTTP client would use, so /etc/hosts and `localhost` count): every address, v4 and v6.
import { lookup } from 'node:dns/promises';
import type { HostResolver, ResolvedAddress } from '../../ports/host-resolver';

export function createDnsResolver(): HostResolver {
  return {
    async resolve(hostname) {
      const bare = hostname.replace(/^\[|\]$/g, '');
      const found = await lookup(bare, { all: true, order: 'verbatim' });
      return found.map((a): ResolvedAddress => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
    },
  };
}
