import { requireFixtures } from '@mirkit/core/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cemgil } from './cemgil.js';
import { continuity } from './continuity.js';
import { beatEvaluate, type BeatScores } from './evaluate.js';
import { fMeasure } from './f-measure.js';
import { goto } from './goto.js';
import { informationGain } from './information-gain.js';
import { pScore } from './p-score.js';
import { trimBeats } from './trim-beats.js';

const dir = requireFixtures('beatnet');

interface Individual {
  f_measure: number;
  cemgil: [number, number];
  goto: number;
  p_score: number;
  continuity: [number, number, number, number];
  information_gain: number;
}
interface Block {
  reference: number[];
  estimate: number[];
  evaluate: BeatScores;
  individual_untrimmed: Individual;
  trimmed_reference: number[];
  trimmed_estimate: number[];
  individual_trimmed: Individual;
}

const tolerances = () => JSON.parse(readFileSync(join(dir!, 'expected', 'tolerances.json'), 'utf8')) as { recommended: { mir_eval_abs: number } };

/** Max |Δ| of every metric value in a block, so the report can state the measured tolerance. */
let worst = 0;
function close(got: number, want: number, what: string, atol: number): void {
  const diff = Math.abs(got - want);
  worst = Math.max(worst, diff);
  if (!(diff <= atol)) expect.fail(`${what}: got ${got}, want ${want} (|Δ| = ${diff} > ${atol})`);
}
function checkIndividual(ref: number[], est: number[], want: Individual, label: string, atol: number): void {
  close(fMeasure(ref, est), want.f_measure, `${label} f_measure`, atol);
  cemgil(ref, est).forEach((v, i) => close(v, want.cemgil[i]!, `${label} cemgil[${i}]`, atol));
  close(goto(ref, est), want.goto, `${label} goto`, atol);
  close(pScore(ref, est), want.p_score, `${label} p_score`, atol);
  continuity(ref, est).forEach((v, i) => close(v, want.continuity[i]!, `${label} continuity[${i}]`, atol));
  close(informationGain(ref, est), want.information_gain, `${label} information_gain`, atol);
}
function checkBlock(block: Block, label: string, atol: number): void {
  expect(Array.from(trimBeats(block.reference))).toEqual(block.trimmed_reference);
  expect(Array.from(trimBeats(block.estimate))).toEqual(block.trimmed_estimate);
  const scores = beatEvaluate(block.reference, block.estimate);
  expect(Object.keys(scores)).toEqual(Object.keys(block.evaluate));
  for (const [key, value] of Object.entries(block.evaluate)) close(scores[key as keyof BeatScores], value, `${label} evaluate ${key}`, atol);
  checkIndividual(block.reference, block.estimate, block.individual_untrimmed, `${label} untrimmed`, atol);
  checkIndividual(block.trimmed_reference, block.trimmed_estimate, block.individual_trimmed, `${label} trimmed`, atol);
}

describe.skipIf(!dir)('mir_eval beat metrics vs mir_eval 0.8.2 golden vectors', () => {
  it('20 edge cases (empty, shifts, ±70 ms boundaries, tempo variations, jitter, …)', () => {
    const atol = tolerances().recommended.mir_eval_abs;
    const cases = (JSON.parse(readFileSync(join(dir!, 'expected', 'mir_eval_edge_cases.json'), 'utf8')) as { cases: (Block & { name: string })[] }).cases;
    expect(cases).toHaveLength(20);
    for (const c of cases) checkBlock(c, c.name, atol);
  });

  it('DBN beats and downbeats of the five clips against their annotations', () => {
    const atol = tolerances().recommended.mir_eval_abs;
    const clips = (JSON.parse(readFileSync(join(dir!, 'expected', 'mir_eval_clips.json'), 'utf8')) as { clips: Record<string, Record<string, Block>> }).clips;
    let blocks = 0;
    for (const [clip, kinds] of Object.entries(clips)) {
      for (const [kind, block] of Object.entries(kinds)) {
        checkBlock(block, `${clip}/${kind}`, atol);
        blocks++;
      }
    }
    expect(blocks).toBe(9); // 5 beat blocks + 4 downbeat blocks (the 808 clip has none)
    // measured maximum deviation over every value checked in this file
    expect(worst).toBeLessThanOrEqual(1e-12);
  });
});

describe('mir_eval beat metrics: documented golden values (beatnet.md §9.3)', () => {
  const ref = Array.from({ length: 60 }, (_, i) => i * 0.5);
  const cases: [string, number[], number[]][] = [
    ['alternating ±40 ms', ref.map((t, k) => t + 0.04 * (k % 2 === 0 ? 1 : -1)), [1.0, 0.6065306597, 0.6065306597, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.7681231674]],
    ['off-beat', Array.from({ length: 60 }, (_, i) => 0.25 + i * 0.5), [0.0, 3.3e-9, 0.9898989899, 0.0, 0.0, 0.0, 0.0, 0.98, 0.98, 0.9735997817]],
    ['half tempo', Array.from({ length: 30 }, (_, i) => i + 0.03), [0.6666666667, 0.5032264013, 0.754839602, 0.0, 0.5, 0.0, 0.0, 1.0, 1.0, 0.7907353781]],
    ['double tempo', Array.from({ length: 120 }, (_, i) => i * 0.25), [0.6666666667, 0.6666666667, 0.9949748744, 0.0, 0.5, 0.0, 0.0, 0.99, 0.99, 0.8133475888]],
  ];
  for (const [name, est, want] of cases) {
    it(name, () => {
      const got = Object.values(beatEvaluate(ref, est));
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 9));
    });
  }

  it('F-measure window is tested through the sorted bounds, not |r − e| ≤ w', () => {
    expect(Math.abs(10.0 - 10.07) <= 0.07).toBe(false);
    expect(fMeasure([10.0], [10.07])).toBe(1);
    expect(fMeasure([10.0], [10.0701])).toBe(0);
  });

  it('rejects decreasing, non-finite or huge beat times', () => {
    expect(() => fMeasure([1, 0.5], [1])).toThrow(/non-decreasing/);
    expect(() => fMeasure([Number.NaN], [1])).toThrow(/finite/);
    expect(() => beatEvaluate([40000], [1])).toThrow(/30000/);
  });
});
