import { describe, expect, it } from 'vitest';
import { parseMidi } from './parse-midi.js';
import { createScore, createTrack } from './score.js';
import { serializeMidi } from './write-midi.js';

describe('serializeMidi', () => {
  it('round-trips notes, tempos, time signatures, pedals, bends and names through parseMidi', () => {
    const s = createScore(480);
    s.tempos.push({ time: 0, mspq: 500000 }, { time: 960, mspq: 400000 });
    s.timeSignatures.push({ time: 0, numerator: 3, denominator: 4 }, { time: 1440, numerator: 6, denominator: 8 });
    s.markers.push({ time: 0, text: 'début' });
    const piano = createTrack('Piano é', 4, false);
    piano.notes.push(
      { time: 0, duration: 480, pitch: 67, velocity: 90 },
      { time: 0, duration: 240, pitch: 60, velocity: 80 },
      { time: 240, duration: 0, pitch: 72, velocity: 50 },
      { time: 480, duration: 480, pitch: 67, velocity: 70 },
    );
    piano.controls.push({ time: 0, number: 64, value: 127 }, { time: 900, number: 64, value: 0 });
    piano.pitchBends.push({ time: 100, value: -2048 });
    const drums = createTrack('Drums', 0, true);
    drums.notes.push({ time: 0, duration: 60, pitch: 36, velocity: 100 });
    s.tracks.push(piano, drums);
    const back = parseMidi(serializeMidi(s));
    expect(back.tpq).toBe(480);
    expect(back.tempos).toEqual(s.tempos);
    expect(back.timeSignatures).toEqual(s.timeSignatures);
    expect(back.markers).toEqual(s.markers);
    expect(back.tracks.map((t) => [t.name, t.program, t.isDrum])).toEqual([
      ['Piano é', 4, false],
      ['Drums', 0, true],
    ]);
    expect(back.tracks[0]!.notes).toEqual(piano.notes);
    expect(back.tracks[0]!.pedals).toEqual([{ time: 0, duration: 900 }]);
    expect(back.tracks[0]!.pitchBends).toEqual(piano.pitchBends);
    expect(back.tracks[1]!.notes).toEqual(drums.notes);
  });
});
