import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../../agent/output-tail';

describe('OutputTail', () => {
  it('keeps everything while under the limit', () => {
    const tail = new OutputTail(16);
    tail.push('hello ');
    tail.push(Buffer.from('world'));
    expect(tail.text()).toBe('hello world');
    expect(tail.truncated).toBe(false);
  });

  it.each([
    { name: 'many small chunks', chunks: Array.from({ length: 100 }, (_, i) => `${i % 10}`), limit: 8 },
    { name: 'one chunk larger than the limit', chunks: ['0123456789abcdefghij'], limit: 8 },
    { name: 'a chunk that straddles the limit', chunks: ['0123', '456789ab'], limit: 8 },
  ])('keeps exactly the last bytes with $name', ({ chunks, limit }) => {
    const tail = new OutputTail(limit);
    for (const c of chunks) tail.push(c);
    const all = chunks.join('');
    expect(tail.text()).toBe(all.slice(-limit));
    expect(tail.byteLength).toBe(limit);
    expect(tail.total).toBe(all.length);
    expect(tail.truncated).toBe(true);
  });

  it('keeps the last 64 KiB of a 1 MiB stream', () => {
    const tail = new OutputTail(64 * 1024);
    const line = `${'x'.repeat(1023)}\n`;
    for (let i = 0; i < 1024; i++) tail.push(`${String(i).padStart(6, '0')}${line.slice(6)}`);
    const text = tail.text();
    expect(Buffer.byteLength(text)).toBe(64 * 1024);
    expect(text.startsWith('000960')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('never starts with half a UTF-8 character', () => {
    const tail = new OutputTail(5);
    tail.push('ééé'); // 6 bytes: the first é loses its lead byte
    expect(tail.text()).toBe('éé');
  });

  it('drain hands over what arrived since the last drain and starts afresh', () => {
    const tail = new OutputTail(8);
    tail.push('abc');
    expect(tail.drain()).toBe('abc');
    expect(tail.byteLength).toBe(0);
    tail.push('def');
    expect(tail.drain()).toBe('def');
  });
});
