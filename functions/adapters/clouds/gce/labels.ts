// Tags → GCE labels, and Drover's instance filter → a Compute list filter.
// Label keys and values allow only lowercase letters, digits, `_` and `-` (63 characters at
// most; keys start with a letter). Drover's own keys and ids already obey that; a farm role's
// free-form tags are folded to fit (lowercased, other characters → `_`).
import { DROVER_TAG_KEYS } from '../../../domain/clouds/launch-spec';
import type { InstanceFilter } from '../../../ports/cloud-driver';

const MAX_LABELS = 64;
const MAX_LENGTH = 63;

function foldLabelText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}_-]/gu, '_')
    .slice(0, MAX_LENGTH);
}

export function labelKey(key: string): string {
  const folded = foldLabelText(key);
  return /^[\p{Ll}\p{Lo}]/u.test(folded) ? folded : `t_${folded}`.slice(0, MAX_LENGTH);
}

/** Drover's tags first, so they survive if a role carries more tags than GCE allows. */
export function labelsFromTags(tags: Record<string, string>): Record<string, string> {
  const drover = new Set<string>(Object.values(DROVER_TAG_KEYS));
  const ordered = Object.entries(tags).sort(([a], [b]) => Number(drover.has(b)) - Number(drover.has(a)));
  const labels: Record<string, string> = {};
  for (const [key, value] of ordered) {
    if (Object.keys(labels).length >= MAX_LABELS) break;
    labels[labelKey(key)] = foldLabelText(value);
  }
  return labels;
}

/** `(labels.drover-account = "acc-…") AND (labels.drover-farm = "farm-…")` */
export function labelFilter(filter: InstanceFilter): string {
  const terms: string[] = [];
  for (const [field, key] of Object.entries(DROVER_TAG_KEYS) as [keyof InstanceFilter, string][]) {
    const value = filter[field];
    if (value !== undefined) terms.push(`(labels.${key} = "${value.replace(/["\\]/g, '\\$&')}")`);
  }
  return terms.join(' AND ');
}
