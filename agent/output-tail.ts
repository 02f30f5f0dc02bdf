// Keeps the last N bytes of a stream (a script's stdout or stderr): a script may print gigabytes,
// the API keeps only the tail, so the agent never holds more than that either. Bytes, not
// characters, are counted; the text is cut at a UTF-8 character boundary when read.
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes seen in total, including those dropped. */
  total = 0;

  constructor(readonly limitBytes: number) {}

  push(data: Buffer | string): void {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (buf.length === 0) return;
    this.total += buf.length;
    if (buf.length >= this.limitBytes) {
      this.chunks = [buf.subarray(buf.length - this.limitBytes)];
      this.size = this.limitBytes;
      return;
    }
    this.chunks.push(buf);
    this.size += buf.length;
    while (this.size - this.chunks[0]!.length >= this.limitBytes) this.size -= this.chunks.shift()!.length;
    if (this.size > this.limitBytes) {
      const head = this.chunks[0]!;
      this.chunks[0] = head.subarray(this.size - this.limitBytes);
      this.size = this.limitBytes;
    }
  }

  get byteLength(): number {
    return this.size;
  }

  /** True when bytes were dropped from the front. */
  get truncated(): boolean {
    return this.total > this.size;
  }

  text(): string {
    return decodeFromBoundary(Buffer.concat(this.chunks, this.size));
  }

  /** Returns the text and empties the buffer (for streaming what arrived since the last flush). */
  drain(): string {
    const text = this.text();
    this.chunks = [];
    this.size = 0;
    this.total = 0;
    return text;
  }
}

/** Skips UTF-8 continuation bytes at the front, left over from a character cut in half. */
function decodeFromBoundary(buf: Buffer): string {
  let start = 0;
  while (start < buf.length && start < 4 && (buf[start]! & 0xc0) === 0x80) start++;
  return buf.subarray(start).toString('utf8');
}
