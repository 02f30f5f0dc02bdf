// Form text as typed → the API's values: empty is "not given", lists of ids are comma- or
// space-separated, lists of names (CloudStack's `Small Instance`, OpenStack's security groups) only
// comma-separated, tags are `key=value` lines, a lease is a local date-time.

/** Empty text is "not given" (the schema's default applies, or it says "required"). */
export function number(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

export function optionalText(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}

export function list(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Names may hold inner spaces: only commas and line breaks separate them. */
export function nameList(text: string): string[] {
  return text
    .split(/[,\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function tags(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at < 0) result[line.trim()] = '';
    else result[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return result;
}

export function lease(text: string): string | null {
  if (!text.trim()) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}
