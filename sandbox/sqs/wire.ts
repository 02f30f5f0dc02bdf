// SQS's two wire protocols, decoded to one request shape and encoded back: AWS JSON 1.0
// (`X-Amz-Target: AmazonSQS.<Operation>`, what @aws-sdk/client-sqs 3.x sends) and the older
// query protocol (form-encoded `Action=<Operation>` with XML answers, what Debian's aws CLI 2.9
// sends). The query protocol flattens lists and maps into numbered keys; they are folded back.
import type { SqsParams, SqsResult } from './operations';
import type { SqsError } from './queues';

export type Protocol = 'json' | 'query';

export interface DecodedRequest {
  protocol: Protocol;
  operation: string;
  params: SqsParams;
}

export function decodeRequest(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  url: URL,
): DecodedRequest {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('AmazonSQS.'))
    return {
      protocol: 'json',
      operation: target.slice('AmazonSQS.'.length),
      params: body ? JSON.parse(body) : {},
    };
  const form = new URLSearchParams(body || url.search);
  const flat = Object.fromEntries(form.entries());
  const params = foldQuery(flat);
  // A query request may be sent to the queue's own URL instead of naming it.
  if (!params.QueueUrl && /^\/\d+\/[^/]+$/.test(url.pathname))
    params.QueueUrl = `${url.origin}${url.pathname}`;
  return { protocol: 'query', operation: flat.Action ?? '', params };
}

/** `Attribute.1.Name=…&Attribute.1.Value=…` → Attributes; `AttributeName.1` → AttributeNames; batch entries → Entries. */
function foldQuery(flat: Record<string, string>): SqsParams {
  const params: SqsParams = {};
  const attributes: Record<string, string> = {};
  const names: string[] = [];
  const entries = new Map<number, SqsParams>();
  for (const [key, value] of Object.entries(flat)) {
    const attribute = key.match(/^Attribute\.(\d+)\.Name$/);
    const entry = key.match(/^\w+BatchRequestEntry\.(\d+)\.(\w+)$/);
    if (attribute) attributes[value] = flat[`Attribute.${attribute[1]}.Value`] ?? '';
    else if (/^(?:AttributeName|MessageSystemAttributeName)\.\d+$/.test(key)) names.push(value);
    else if (entry) {
      const fields = entries.get(Number(entry[1])) ?? {};
      fields[entry[2]!] = value;
      entries.set(Number(entry[1]), fields);
    } else if (!key.includes('.') && key !== 'Action' && key !== 'Version') params[key] = value;
  }
  if (Object.keys(attributes).length) params.Attributes = attributes;
  if (names.length) params.AttributeNames = names;
  if (entries.size) params.Entries = [...entries.entries()].sort(([a], [b]) => a - b).map(([, e]) => e);
  return params;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The element each list's members are named in the query protocol's answers. */
const MEMBER_OF: Record<string, Record<string, string>> = {
  Messages: { '*': 'Message' },
  QueueUrls: { '*': 'QueueUrl' },
  Successful: {
    SendMessageBatch: 'SendMessageBatchResultEntry',
    DeleteMessageBatch: 'DeleteMessageBatchResultEntry',
  },
  Failed: { '*': 'BatchResultErrorEntry' },
};

function toXml(value: unknown, key: string, operation: string): string {
  if (value === undefined || value === null) return '';
  if (key === 'Attributes' && typeof value === 'object')
    return Object.entries(value as Record<string, string>)
      .map(([n, v]) => `<Attribute><Name>${escapeXml(n)}</Name><Value>${escapeXml(v)}</Value></Attribute>`)
      .join('');
  if (Array.isArray(value)) {
    const member = MEMBER_OF[key]?.[operation] ?? MEMBER_OF[key]?.['*'] ?? key;
    return value.map((item) => toXml(item, member, operation)).join('');
  }
  if (typeof value === 'object')
    return `<${key}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXml(v, k, operation))
      .join('')}</${key}>`;
  return `<${key}>${escapeXml(String(value))}</${key}>`;
}

const NS = 'http://queue.amazonaws.com/doc/2012-11-05/';

export function encodeResult(protocol: Protocol, operation: string, result: SqsResult, requestId: string) {
  if (protocol === 'json') return { contentType: 'application/x-amz-json-1.0', body: JSON.stringify(result) };
  const inner = Object.entries(result)
    .map(([k, v]) => toXml(v, k, operation))
    .join('');
  const body =
    `<?xml version="1.0"?><${operation}Response xmlns="${NS}"><${operation}Result>${inner}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return { contentType: 'text/xml', body };
}

export function encodeError(protocol: Protocol, error: SqsError, requestId: string) {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  if (protocol === 'json')
    return {
      contentType: 'application/x-amz-json-1.0',
      // The SDK maps an awsQueryCompatible service's errors by this header to the query protocol's codes.
      headers: { 'x-amzn-query-error': `${error.queryCode};${type}` },
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message }),
    };
  return {
    contentType: 'text/xml',
    headers: {},
    body:
      `<?xml version="1.0"?><ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${escapeXml(error.queryCode)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
