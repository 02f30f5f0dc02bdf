// Durations on the command line (`--timeout 10m`, `--interval 500ms`): a number with an
// optional unit; a bare number is seconds. A bad value is a usage error (exit 2).
import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError('expected a duration like 90s, 10m or 1h');
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
}
