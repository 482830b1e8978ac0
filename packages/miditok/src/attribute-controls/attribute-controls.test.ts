import { createRng } from '@mirkit/core';
import { describe, expect, it } from 'vitest';
import { createScore, createTrack } from '../score/score.js';
import { RemiTokenizer } from '../tokenizers/remi.js';
import type { TokSequence } from '../tokenizers/tok-sequence.js';
import { createRandomAcIndexes } from './attribute-controls.js';

function twoBarScore() {
  const s = createScore(8);
  s.timeSignatures.push({ time: 0, numerator: 4, denominator: 4 });
  s.tempos.push({ time: 0, mspq: 500000 });
  const t = createTrack('p', 0, false);
  t.notes.push(
    { time: 0, duration: 8, pitch: 60, velocity: 99 },
    { time: 0, duration: 8, pitch: 64, velocity: 99 },
    { time: 0, duration: 8, pitch: 67, velocity: 99 },
    { time: 8, duration: 32, pitch: 62, velocity: 99 },
    { time: 32, duration: 4, pitch: 65, velocity: 99 },
  );
  s.tracks.push(t);
  return s;
}

describe('attribute controls', () => {
  const config = {
    acPolyphonyTrack: true,
    acPolyphonyBar: true,
    acPitchClassBar: true,
    acNoteDensityTrack: true,
    acNoteDensityBar: true,
    acNoteDurationBar: true,
    acNoteDurationTrack: true,
    acRepetitionTrack: true,
  };

  it('appends their tokens after the base vocabulary in MidiTok order', () => {
    const base = new RemiTokenizer();
    const tok = new RemiTokenizer(config);
    const inv = tok.vocabInv as string[];
    expect(inv.slice(0, 284)).toEqual(base.vocabInv);
    expect(inv[284]).toBe('ACTrackOnsetPolyphonyMin_1');
    expect(inv.slice(284).filter((t) => t.startsWith('ACBarPitchClass_'))).toHaveLength(12);
    expect(inv[inv.length - 1]).toBe('ACTrackRepetition_1.00');
    expect(tok.attributeControls.map((a) => a.kind)).toEqual(['track', 'bar', 'bar', 'track', 'bar', 'bar', 'track', 'track']);
  });

  it('are disabled for one-stream tokenizers, as MidiTok does', () => {
    const tok = new RemiTokenizer({ ...config, usePrograms: true });
    expect(tok.attributeControls).toHaveLength(0);
    expect(tok.config.acPolyphonyTrack).toBe(false);
  });

  it('places track-level tokens first and bar-level tokens after each Bar', () => {
    const tok = new RemiTokenizer(config);
    const idx = new Map([[0, new Map<number, true | number[]>([[0, true], [1, [0, 1]], [2, [1]], [3, true], [6, true]])]]);
    const seq = tok.encode(twoBarScore(), { attributeControlsIndexes: idx }) as TokSequence[];
    expect(seq[0]!.tokens.slice(0, 18)).toEqual([
      'ACTrackOnsetPolyphonyMin_1',
      'ACTrackOnsetPolyphonyMax_3',
      'ACTrackNoteDensityMin_1',
      'ACTrackNoteDensityMax_4',
      'ACTrackNoteDurationWhole_1',
      'ACTrackNoteDurationHalf_0',
      'ACTrackNoteDurationQuarter_1',
      'ACTrackNoteDurationEight_1',
      'ACTrackNoteDurationSixteenth_0',
      'Bar_None',
      'ACBarOnsetPolyphonyMin_1',
      'ACBarOnsetPolyphonyMax_3',
      'Position_0',
      'Pitch_60',
      'Velocity_99',
      'Duration_1.0.8',
      'Pitch_64',
      'Velocity_99',
    ]);
    const plain = (new RemiTokenizer().encode(twoBarScore()) as TokSequence[])[0]!.tokens;
    expect(seq[0]!.tokens.filter((t) => !t.startsWith('AC'))).toEqual(plain);
    expect(seq[0]!.tokens).toContain('ACBarPitchClass_5');
  });

  it('createRandomAcIndexes is seeded and respects the ratios', () => {
    const tok = new RemiTokenizer(config);
    const a = createRandomAcIndexes(twoBarScore(), tok.attributeControls, createRng(3), 1, 0.5);
    const b = createRandomAcIndexes(twoBarScore(), tok.attributeControls, createRng(3), 1, 0.5);
    expect([...a.get(0)!]).toEqual([...b.get(0)!]);
    const trackAcs = [...a.get(0)!].filter(([, v]) => v === true);
    expect(trackAcs).toHaveLength(4);
  });
});
