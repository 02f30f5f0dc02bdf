// Finds source files longer than a limit whose header does not say why they are long.
// The recognised form is a comment line in the header: `// Long because: <reason>`.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface LongFile {
  file: string;
  lines: number;
}

/** How far down the header may run: a `'use client'` line and a module comment come first. */
export const HEADER_LINES = 15;

const REASON = /^\s*(\/\/|\/?\*)\s*Long because:\s*\S{3,}/;

export function lineCount(text: string): number {
  const lines = text.split('\n');
  return lines.at(-1) === '' ? lines.length - 1 : lines.length;
}

/** True when one of the first HEADER_LINES lines is a `Long because:` comment with a reason. */
export function headerGivesReason(text: string): boolean {
  return text.split('\n', HEADER_LINES).some((line) => REASON.test(line));
}

/** The file, if it is over `limit` lines and its header gives no reason; otherwise undefined. */
export function unexplainedLongFile(root: string, file: string, limit: number): LongFile | undefined {
  const text = readFileSync(path.join(root, file), 'utf8');
  const lines = lineCount(text);
  if (lines <= limit || headerGivesReason(text)) return undefined;
  return { file, lines };
}
