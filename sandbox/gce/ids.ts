// GCE's numeric resource ids (instances, operations): 64-bit, printed in decimal, never small.
import { randomBytes } from 'node:crypto';

export const newNumericId = () => (randomBytes(8).readBigUInt64BE() | (1n << 62n)).toString();
