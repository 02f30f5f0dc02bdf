// CloudStack's signature, checked against the API guide's string to sign and against the `cs`
// client's own _sign (Debian's python3 `cs` package), so the client and the sandbox cannot agree
// on a wrong algorithm between themselves.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  csEncode,
  expiresAt,
  parseExpires,
  sign,
  signatureBase,
  verifySignature,
} from '../../../functions/adapters/clouds/cloudstack/client/signing';

describe('CloudStack request signing', () => {
  it('builds the string to sign as the API guide shows it', () => {
    const params = {
      apikey: 'miVr6X7u6bN_sdahOBpjNejPgEsT35eXq-jB8CG20YI3yaxXcgpyuaIRmFI_EJTVwZ0nUkkJbPmY3y2bciKwFQ',
      command: 'listUsers',
      response: 'json',
    };
    expect(signatureBase(params)).toBe(
      'apikey=mivr6x7u6bn_sdahobpjnejpgest35exq-jb8cg20yi3yaxxcgpyuairmfi_ejtvwz0nukkjbpmy3y2bcikwfq&command=listusers&response=json',
    );
  });

  it('encodes values as java.net.URLEncoder with %20 for spaces', () => {
    expect(csEncode("a b+c/d*e~f!g'(h)")).toBe('a%20b%2Bc%2Fd*e%7Ef%21g%27%28h%29');
  });

  it.runIf(existsSync('/usr/lib/python3/dist-packages/cs/client.py'))(
    'agrees with the cs client on tags, user data and expires',
    () => {
      const params = {
        command: 'deployVirtualMachine',
        apiKey: 'drover-sandbox',
        'tags[0].key': 'drover-farm',
        'tags[0].value': 'farm-01 x/y',
        userdata: 'IyEvYmluL3NoCmVjaG8gaGk=',
        signatureVersion: '3',
        expires: expiresAt(new Date('2026-12-07T14:10:00Z')),
        response: 'json',
      };
      const script = `import json,sys\nfrom cs.client import CloudStack\nc=CloudStack(endpoint='x',key='k',secret='drover-sandbox-secret')\np=json.loads(sys.argv[1])\nc._sign(p)\nprint(p['signature'])`;
      const theirs = execFileSync('/usr/bin/python3', ['-c', script, JSON.stringify(params)])
        .toString()
        .trim();
      expect(sign(params, 'drover-sandbox-secret')).toBe(theirs);
      expect(verifySignature(params, 'drover-sandbox-secret', theirs)).toBe(true);
      expect(verifySignature(params, 'another-secret', theirs)).toBe(false);
    },
  );

  it('reads expires in the forms clients send', () => {
    const at = Date.parse('2026-12-07T14:10:00Z');
    expect(parseExpires('2026-12-07T14:10:00+0000')).toBe(at);
    expect(parseExpires('2026-12-07T15:10:00+01:00')).toBe(at);
    expect(parseExpires('2026-12-07T14:10:00Z')).toBe(at);
    expect(parseExpires('tomorrow')).toBeNaN();
  });
});
