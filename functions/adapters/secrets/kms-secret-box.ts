// SecretBox in AWS: KMS Encrypt/Decrypt with the context as KMS encryption context (logged
// in CloudTrail, and required to decrypt). Secrets here are small (a GCE key is ~2.4 KB, under
// KMS's 4 KB limit), so no envelope encryption is needed.
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { SecretBox } from '../../ports/secret-box';

export function createKmsSecretBox(keyId: string, client = new KMSClient({})): SecretBox {
  return {
    async seal(plaintext, context) {
      const out = await client.send(
        new EncryptCommand({
          KeyId: keyId,
          Plaintext: Buffer.from(plaintext, 'utf8'),
          EncryptionContext: context,
        }),
      );
      return `kms.${Buffer.from(out.CiphertextBlob!).toString('base64')}`;
    },
    async open(sealed, context) {
      if (!sealed.startsWith('kms.')) throw new Error('not a KMS-sealed secret');
      const out = await client.send(
        new DecryptCommand({
          CiphertextBlob: Buffer.from(sealed.slice(4), 'base64'),
          EncryptionContext: context,
          KeyId: keyId,
        }),
      );
      return Buffer.from(out.Plaintext!).toString('utf8');
    },
  };
}
