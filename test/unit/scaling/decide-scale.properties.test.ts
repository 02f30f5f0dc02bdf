// The promises of decideScale over random farm roles, servers, samples and memory: bounds are
// kept, healing ignores cooldowns and steps, rule order never matters, scale-in needs every
// rule, stabilization holds the highest recent desired count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideScale, type ScaleInput } from '../../../functions/domain/scaling';
import type { ScaleDecision } from '../../../functions/domain/schemas/scaling-decision';
import { scaleInputArb } from './random-scaling';
import { iso, MIN, T0 } from './scaling-fixtures';

// SCALING_PROPERTY_RUNS=20000 npx vitest run test/unit/scaling for a deeper search.
const runs = Number(process.env.SCALING_PROPERTY_RUNS ?? 200);
const params = { numRuns: runs };

const withRules = (
  input: ScaleInput,
  rules: NonNullable<ScaleInput['role']['scaling']>['rules'],
): ScaleInput => ({
  ...input,
  role: { ...input.role, scaling: { ...input.role.scaling!, rules } },
});

/** The decision with its verdicts in name order, for comparing decisions on reordered rules. */
const canonical = (d: ScaleDecision) => ({
  ...d,
  rules: [...d.rules].sort((a, b) => a.rule.localeCompare(b.rule)),
});

describe('decideScale properties', { timeout: 120_000 }, () => {
  it('never decides above max nor below min, and a schedule never lifts max above the farm role', () => {
    fc.assert(
      fc.property(scaleInputArb, (input) => {
        const { decision } = decideScale(input);
        expect(decision.desired).toBeGreaterThanOrEqual(decision.bounds.min);
        expect(decision.desired).toBeLessThanOrEqual(decision.bounds.max);
        expect(decision.bounds.max).toBeLessThanOrEqual(input.role.maxInstances);
      }),
      params,
    );
  });

  it('heals up to min whatever the cooldowns and step caps', () => {
    fc.assert(
      fc.property(scaleInputArb, (input) => {
        const scaling = input.role.scaling!;
        const strict: ScaleInput = {
          ...input,
          role: {
            ...input.role,
            scaling: {
              ...scaling,
              scaleOut: { ...scaling.scaleOut, cooldownSec: 86_400, maxStepCount: 1, maxStepPercent: 1 },
            },
          },
          memory: { ...input.memory, lastScaleOutAt: iso(T0), lastScaleInAt: iso(T0) },
        };
        const { decision } = decideScale(strict);
        if (decision.current < decision.bounds.min) {
          expect(decision.desired).toBeGreaterThanOrEqual(decision.bounds.min);
          expect(decision.healing).toBe(true);
        }
      }),
      params,
    );
  });

  it('decides the same whatever the order of the rules', () => {
    fc.assert(
      fc.property(
        scaleInputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.role.scaling!.rules, {
              minLength: input.role.scaling!.rules.length,
            }),
          ),
        ),
        ([input, shuffled]) => {
          const a = decideScale(input);
          const b = decideScale(withRules(input, shuffled));
          expect(canonical(b.decision)).toEqual(canonical(a.decision));
          expect(b.memory).toEqual(a.memory);
        },
      ),
      params,
    );
  });

  it('scales in below max only when every voting rule votes in', () => {
    fc.assert(
      fc.property(scaleInputArb, (input) => {
        const { decision } = decideScale(input);
        if (
          decision.direction !== 'in' ||
          decision.desired >= Math.min(decision.current, decision.bounds.max)
        )
          return;
        const voters = decision.rules.filter((r) => !r.abstained);
        if (voters.length === 0) return; // no rules at all: the farm role keeps to min
        expect(voters.every((r) => r.vote === 'in')).toBe(true);
      }),
      params,
    );
  });

  it('never scales in below max when one rule wants more servers, whatever the others say', () => {
    fc.assert(
      fc.property(scaleInputArb, (input) => {
        const rules = input.role.scaling!.rules;
        const busy = {
          mode: 'per-instance' as const,
          name: 'busy',
          source: { type: 'pushed' as const, name: 'busy' },
          aggregate: 'max' as const,
          windowSec: 300,
          breachesOut: 1,
          breachesIn: 1,
          missingData: 'abstain' as const,
          perInstance: 1,
        };
        const withBusy = withRules(
          {
            ...input,
            samples: { ...input.samples, 'pushed:busy': [{ at: T0, value: input.servers.length + 1 }] },
          },
          [...rules, busy],
        );
        const { decision } = decideScale(withBusy);
        expect(decision.desired).toBeGreaterThanOrEqual(Math.min(decision.current, decision.bounds.max));
      }),
      params,
    );
  });

  it('never scales in below the highest desired count seen within the stabilization window', () => {
    fc.assert(
      fc.property(scaleInputArb, (input) => {
        const { decision } = decideScale(input);
        if (decision.direction !== 'in') return;
        const windowMs = input.role.scaling!.scaleIn.stabilizationSec * 1000;
        const recent = input.memory.recentDesired.filter((e) => T0 - Date.parse(e.at) < windowMs);
        const ceiling = Math.min(decision.current, decision.bounds.max);
        for (const e of recent) expect(decision.desired).toBeGreaterThanOrEqual(Math.min(e.desired, ceiling));
      }),
      params,
    );
  });

  it('keeps its bounds over a run of evaluations that carry memory forward', () => {
    fc.assert(
      fc.property(
        scaleInputArb,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 20 }),
        (input, loads) => {
          let memory = input.memory;
          let servers = input.servers;
          loads.forEach((load, minute) => {
            const now = T0 + (minute + 1) * MIN;
            const samples = {
              cpuPercent: servers.map((s) => ({ at: now, value: load % 101, serverId: s.id })),
            };
            const out = decideScale({ ...input, now: new Date(now), servers, samples, memory });
            expect(out.decision.desired).toBeGreaterThanOrEqual(out.decision.bounds.min);
            expect(out.decision.desired).toBeLessThanOrEqual(out.decision.bounds.max);
            memory = out.memory;
            servers = Array.from(
              { length: out.decision.desired },
              (_, i) => servers[i] ?? { id: `n${minute}-${i}`, readyAt: now },
            );
          });
        },
      ),
      { numRuns: Math.ceil(runs / 5) },
    );
  });
});
