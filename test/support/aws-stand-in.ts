// One HTTP endpoint standing in for the AWS services a Lambda bundle calls besides DynamoDB
// (dynalite) and the clouds (the sandboxes), so a bundle can run in a child process with
// nothing but environment variables pointing here (AWS_ENDPOINT_URL):
//  - KMS Encrypt/Decrypt (awsJson1_1, `TrentService.*`): AES-256-GCM under a key of its own, the
//    encryption context bound as associated data, so a wrong context fails as KMS does;
//  - EventBridge PutEvents and Scheduler (the two the house allows to mock), SQS SendMessage and
//    SendMessageBatch (the sweep's; no local SQS emulator) and API Gateway PostToConnection:
//    accepted and recorded;
//  - the token issuer's JWKS, at any path ending in /.well-known/jwks.json.
// Any other call is recorded and refused (400), so a bundle can never reach real AWS from a test.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInCall {
  /** `KMS.Encrypt`, `EventBridge.PutEvents`, `Scheduler.POST /schedules/x`, `unknown POST /…`. */
  operation: string;
  body: Record<string, unknown>;
}

export interface AwsStandIn {
  url: string;
  /** The key id functions are given as SECRETS_KEY_ID. */
  kmsKeyArn: string;
  calls: StandInCall[];
  /** The entries of every PutEvents call, in order. */
  putEvents(): Record<string, unknown>[];
  stop(): Promise<void>;
}

const KMS_KEY_ARN = 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-4000-8000-000000000000';

export async function startAwsStandIn(options: { jwks?: unknown } = {}): Promise<AwsStandIn> {
  const key = randomBytes(32);
  const calls: StandInCall[] = [];

  const aad = (context: unknown) =>
    Buffer.from(
      JSON.stringify(
        Object.entries((context as Record<string, string>) ?? {}).sort(([a], [b]) => a.localeCompare(b)),
      ),
    );

  const kms: Record<string, (body: Record<string, unknown>) => [number, unknown]> = {
    Encrypt(body) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(body.EncryptionContext));
      const sealed = Buffer.concat([
        cipher.update(Buffer.from(String(body.Plaintext), 'base64')),
        cipher.final(),
      ]);
      const blob = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
      return [200, { CiphertextBlob: blob, KeyId: KMS_KEY_ARN, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }];
    },
    Decrypt(body) {
      const blob = Buffer.from(String(body.CiphertextBlob), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
          .setAAD(aad(body.EncryptionContext))
          .setAuthTag(blob.subarray(12, 28));
        const plain = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
        return [200, { Plaintext: plain.toString('base64'), KeyId: KMS_KEY_ARN }];
      } catch {
        return [
          400,
          { __type: 'InvalidCiphertextException', message: 'The ciphertext or its context is wrong' },
        ];
      }
    },
  };

  function answer(req: IncomingMessage, raw: string): [number, unknown] {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    if (req.method === 'GET' && path.endsWith('/.well-known/jwks.json') && options.jwks)
      return [200, options.jwks];
    let body: Record<string, unknown> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      // Query-protocol bodies are not JSON; they are recorded as refused below.
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const [service, operation] = target.split('.');
    if (service === 'TrentService' && operation && kms[operation]) {
      calls.push({ operation: `KMS.${operation}`, body });
      return kms[operation](body);
    }
    if (target === 'AWSEvents.PutEvents') {
      calls.push({ operation: 'EventBridge.PutEvents', body });
      const entries = (body.Entries as unknown[]) ?? [];
      return [200, { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) }];
    }
    if (target === 'AmazonSQS.SendMessage') {
      calls.push({ operation: 'SQS.SendMessage', body });
      return [200, { MessageId: randomUUID(), MD5OfMessageBody: '' }];
    }
    if (target === 'AmazonSQS.SendMessageBatch') {
      calls.push({ operation: 'SQS.SendMessageBatch', body });
      const entries = (body.Entries as { Id: string; MessageBody: string }[]) ?? [];
      const md5 = (text: string) => createHash('md5').update(text).digest('hex');
      return [
        200,
        {
          Successful: entries.map((e) => ({
            Id: e.Id,
            MessageId: randomUUID(),
            MD5OfMessageBody: md5(e.MessageBody),
          })),
          Failed: [],
        },
      ];
    }
    if (path.startsWith('/schedules/')) {
      calls.push({ operation: `Scheduler.${req.method} ${path}`, body });
      const name = decodeURIComponent(path.slice('/schedules/'.length));
      return [
        200,
        req.method === 'DELETE'
          ? {}
          : { ScheduleArn: `arn:aws:scheduler:us-east-1:000000000000:schedule/x/${name}` },
      ];
    }
    if (path.startsWith('/@connections/')) {
      calls.push({ operation: `ApiGateway.PostToConnection ${path}`, body });
      return [200, {}];
    }
    calls.push({ operation: `unknown ${req.method} ${path} ${target}`.trim(), body });
    return [
      400,
      { __type: 'UnknownOperationException', message: `The stand-in does not serve ${target || path}` },
    ];
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [status, payload] = answer(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    kmsKeyArn: KMS_KEY_ARN,
    calls,
    putEvents: () =>
      calls
        .filter((c) => c.operation === 'EventBridge.PutEvents')
        .flatMap((c) => (c.body.Entries as Record<string, unknown>[]) ?? []),
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
