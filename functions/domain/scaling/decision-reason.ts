// One line of why a scaling decision is what it is, for ScaleOut/ScaleIn events' messages and
// `drover get farm-role NAME --scaling`: the rules that voted, healing, and what limited it.
import type { ScaleDecision } from '../schemas/scaling-decision';

const round = (v: number) => Math.round(v * 100) / 100;

export function decisionReason(decision: ScaleDecision): string {
  const votes = decision.rules
    .filter((r) => r.vote !== 'hold')
    .map((r) => `${r.rule} ${r.value === null ? 'no data' : round(r.value)} votes ${r.vote} (${r.proposal})`);
  const parts = [
    decision.healing ? 'healing to min' : '',
    votes.join(', '),
    decision.limitedBy.length ? `limited by ${decision.limitedBy.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join('; ') || 'no rule voted';
}
