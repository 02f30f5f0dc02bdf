// Service-account key files for the sandbox: real RSA keys in Google's JSON key format, so
// google-auth-library signs with them exactly as in production. The public halves are kept in
// a process-wide registry (keys are random, so sandboxes never collide) and the sandbox checks
// signatures of JWTs whose `kid` it knows; a forged or rotated key is refused with 401.
import { createPublicKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { GceServiceAccountKey } from '../../functions/domain/schemas/credentials';

const knownKeys = new Map<string, KeyObject>();

export function knownPublicKey(keyId: string): KeyObject | undefined {
  return knownKeys.get(keyId);
}

export function sandboxServiceAccountKey(sandboxUrl: string, projectId: string): GceServiceAccountKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const keyId = randomBytes(20).toString('hex');
  knownKeys.set(keyId, createPublicKey(privateKey));
  const clientEmail = `drover-sandbox@${projectId}.iam.gserviceaccount.com`;
  const base = sandboxUrl.replace(/\/+$/, '');
  return {
    type: 'service_account',
    project_id: projectId,
    private_key_id: keyId,
    private_key: privateKey,
    client_email: clientEmail,
    client_id: (randomBytes(8).readBigUInt64BE() % 10n ** 21n).toString().padStart(21, '1'),
    auth_uri: `${base}/o/oauth2/auth`,
    token_uri: `${base}/token`,
    auth_provider_x509_cert_url: `${base}/oauth2/v1/certs`,
    client_x509_cert_url: `${base}/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}
