// Per-server agent tokens: `drv1.<account>.<farm>.<server>.<mac>`, the MAC an HMAC-SHA256 of
// the ids under a deployment key. Stateless to check (no lookup per agent report) and bound
// to one server; rotating the key revokes every token at once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Unauthorized } from '../../domain/errors';
import type { AgentTokens } from '../../ports/identity';

export function createHmacAgentTokens(key: Buffer): AgentTokens {
  if (key.length < 32) throw new Error('the agent token key must be at least 32 bytes');
  const mac = (ids: string) => createHmac('sha256', key).update(ids).digest('base64url');
  return {
    issue({ accountId, farmId, serverId }) {
      const ids = `${accountId}.${farmId}.${serverId}`;
      return `drv1.${ids}.${mac(ids)}`;
    },
    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 5 || parts[0] !== 'drv1') throw new Unauthorized('Not an agent token');
      const [, accountId, farmId, serverId, given] = parts as [string, string, string, string, string];
      const expected = Buffer.from(mac(`${accountId}.${farmId}.${serverId}`));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
        throw new Unauthorized('The agent token is not valid');
      return { accountId, farmId, serverId };
    },
  };
}
