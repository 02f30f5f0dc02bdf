// XML rendering for the EC2 Query API. EC2 lists are `<fooSet><item>…</item></fooSet>`;
// `itemSet` turns an array into that shape so actions can describe responses as plain objects.
import { XMLBuilder } from 'fast-xml-parser';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
});

export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

/** `[a, b]` → `{ item: [a, b] }`, rendered as `<item>a</item><item>b</item>`; empty → an empty element. */
export function itemSet(items: XmlValue[]): XmlValue {
  return items.length === 0 ? '' : { item: items };
}

export function xmlDocument(root: XmlObject): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(stripUndefined(root))}`;
}

/** An EC2 action response: `<{Action}Response xmlns=…><requestId>…</requestId>…`. */
export function ec2Response(action: string, requestId: string, body: XmlObject): string {
  return xmlDocument({ [`${action}Response`]: { '@_xmlns': EC2_NAMESPACE, requestId, ...body } });
}

function stripUndefined(value: XmlValue): XmlValue {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (value && typeof value === 'object') {
    const out: XmlObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) out[k] = stripUndefined(v);
    return out;
  }
  return value;
}
