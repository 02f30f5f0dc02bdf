// The local runtime's secrets, made at the first start and kept in the data dir (fresh ones in
// memory for tests): the SecretBox key, the agent-token key, the cursor key and the operator's
// token. AWS keeps the same four in KMS, Secrets Manager and the deploy configuration.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newOperatorToken } from '../functions/adapters/identity/operator-tokens';
import { loadOrCreateKey } from '../functions/adapters/secrets/local-key-secret-box';

export interface LocalKeys {
  /** Seals cloud credentials' and webhook endpoints' secrets. */
  secretKey: Buffer;
  /** Signs servers' agent tokens. */
  agentKey: Buffer;
  /** Signs page cursors; kept like the other keys so a cursor still works after a restart. */
  cursorKey: Buffer;
  /** The platform operator's token (`drvop_…`); only its hash is given to the API, as in AWS. */
  operatorToken: string;
}

/** The keys in `dataDir` when `persistent`, made there if missing; else new ones in memory. */
export function loadLocalKeys(dataDir: string, persistent: boolean): LocalKeys {
  if (!persistent)
    return {
      secretKey: randomBytes(32),
      agentKey: randomBytes(32),
      cursorKey: randomBytes(32),
      operatorToken: newOperatorToken(),
    };
  return {
    secretKey: loadOrCreateKey(join(dataDir, 'secret.key')),
    agentKey: loadOrCreateKey(join(dataDir, 'agent-token.key')),
    cursorKey: loadOrCreateKey(join(dataDir, 'cursor.key')),
    operatorToken: loadOrCreateOperatorToken(join(dataDir, 'operator-token')),
  };
}

/** The platform operator's token survives restarts (only its hash is given to the API, as in AWS). */
function loadOrCreateOperatorToken(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = newOperatorToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
