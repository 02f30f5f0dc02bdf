// Resolving a host name to its addresses: what the egress guard checks before any connection
// to a URL a tenant set (webhook endpoints, cloud credentials endpoints).

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface HostResolver {
  /** Every address of the name (an IP literal resolves to itself). Throws when it does not resolve. */
  resolve(hostname: string): Promise<ResolvedAddress[]>;
}
