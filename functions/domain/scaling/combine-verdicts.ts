// How the rules' votes become one proposal, whatever their order: any rule voting out scales out
// and the largest proposal wins; scaling in needs every voting rule to vote in, and then the
// most conservative (largest) proposal wins. Abstaining rules do not vote; a rule short of its
// breach count, or blocking scale-in for want of data, votes hold. (Scalr let the first metric
// with any decision win, so a rule listed earlier could scale in against a later one's load.)
import type { RuleVerdict } from '../schemas/scaling-decision';

export function combineVerdicts(verdicts: readonly RuleVerdict[], capacity: number): number {
  const voters = verdicts.filter((v) => !v.abstained);
  let out = -1;
  for (const v of voters) if (v.vote === 'out') out = Math.max(out, v.proposal!);
  if (out >= 0) return out;
  if (voters.length === 0 || voters.some((v) => v.vote !== 'in')) return capacity;
  return Math.max(...voters.map((v) => v.proposal!));
}
