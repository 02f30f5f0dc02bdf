// The SQS sandbox's HTTP server on 127.0.0.1: decodes either protocol (wire.ts), runs the
// operation on the queues (operations.ts) and answers in the caller's protocol. Any signature is
// accepted, as the other sandboxes do: it is a test bed, never a place for real secrets.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OPERATIONS } from './operations';
import { SqsError, SqsQueues } from './queues';
import { decodeRequest, encodeError, encodeResult, type Protocol } from './wire';

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SqsError('RequestTooLong', 'The request is larger than 1 MiB.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class SqsSandbox {
  private server: Server | undefined;
  private baseUrl = '';
  readonly queues = new SqsQueues(() => this.baseUrl);

  /** The endpoint to give an SQS client (and the host of every queue URL it hands out). */
  get url(): string {
    return this.baseUrl;
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      void this.handle(req).then(({ status, contentType, headers, body }) => {
        res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': randomUUID(), ...headers });
        res.end(body);
      });
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => ok());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((ok) => server.close(() => ok()));
  }

  private async handle(req: IncomingMessage) {
    const requestId = randomUUID();
    let protocol: Protocol = req.headers['x-amz-target'] ? 'json' : 'query';
    try {
      const url = new URL(req.url ?? '/', this.baseUrl);
      const decoded = decodeRequest(req.headers, await readBody(req), url);
      protocol = decoded.protocol;
      const operation = OPERATIONS[decoded.operation];
      if (!operation)
        throw new SqsError(
          'InvalidAction',
          `The action ${decoded.operation || '(none)'} is not valid for this endpoint.`,
        );
      const result = await operation(this.queues, decoded.params);
      return { status: 200, headers: {}, ...encodeResult(protocol, decoded.operation, result, requestId) };
    } catch (err) {
      const error =
        err instanceof SqsError
          ? err
          : new SqsError('InvalidParameterValue', `The request could not be read: ${(err as Error).message}`);
      return { status: error.status, ...encodeError(protocol, error, requestId) };
    }
  }
}
