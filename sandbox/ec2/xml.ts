// XML rendering for the EC2 Query API. EC2 lists are `<fooSet><item>…</item></fooSet>`;
// `itemSet` turns an array into that shape so actions can describe responses as plain objects.
// A small hand-written serializer rather than fast-xml-parser's builder: DescribeInstances
// over a thousand instances is the sandbox's hot path, and this is several times faster.
export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Already-rendered XML, inserted as it is (e.g. an instance's cached `<item>` body). */
export class RawXml {
  constructor(readonly xml: string) {}
}

export type XmlValue = string | number | boolean | null | undefined | RawXml | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/** `[a, b]` → `{ item: [a, b] }`, rendered as `<item>a</item><item>b</item>`; empty → an empty element. */
export function itemSet(items: XmlValue[]): XmlValue {
  return items.length === 0 ? '' : { item: items };
}

export function xmlDocument(root: XmlObject): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderFields(root)}`;
}

/** The inside of an element for `value` (attributes excluded). */
export function renderXml(value: XmlValue): string {
  return renderInner(value);
}

/** An EC2 action response: `<{Action}Response xmlns=…><requestId>…</requestId>…`. */
export function ec2Response(action: string, requestId: string, body: XmlObject): string {
  return xmlDocument({ [`${action}Response`]: { '@_xmlns': EC2_NAMESPACE, requestId, ...body } });
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

function renderFields(object: XmlObject): string {
  let out = '';
  for (const key in object) out += renderElement(key, object[key]);
  return out;
}

function renderElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null || name.startsWith('@_')) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += renderElement(name, item);
    return out;
  }
  let attributes = '';
  if (typeof value === 'object' && !(value instanceof RawXml)) {
    for (const key in value) {
      if (key.startsWith('@_')) attributes += ` ${key.slice(2)}="${escapeXml(String(value[key]))}"`;
    }
  }
  const inner = renderInner(value);
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

function renderInner(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (value instanceof RawXml) return value.xml;
  if (typeof value === 'object')
    return Array.isArray(value) ? value.map(renderInner).join('') : renderFields(value);
  return typeof value === 'string' ? escapeXml(value) : String(value);
}
