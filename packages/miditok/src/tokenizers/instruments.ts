/** General MIDI program names (MidiTok `MIDI_INSTRUMENTS[p]["name"]`), used to name decoded tracks. */
export const MIDI_INSTRUMENT_NAMES: readonly string[] = [
  'Acoustic Grand Piano', 'Bright Acoustic Piano', 'Electric Grand Piano', 'Honky-tonk Piano', 'Electric Piano 1',
  'Electric Piano 2', 'Harpsichord', 'Clavi', 'Celesta', 'Glockenspiel', 'Music Box', 'Vibraphone', 'Marimba',
  'Xylophone', 'Tubular Bells', 'Dulcimer', 'Drawbar Organ', 'Percussive Organ', 'Rock Organ', 'Church Organ',
  'Reed Organ', 'Accordion', 'Harmonica', 'Tango Accordion', 'Acoustic Guitar (nylon)', 'Acoustic Guitar (steel)',
  'Electric Guitar (jazz)', 'Electric Guitar (clean)', 'Electric Guitar (muted)', 'Overdriven Guitar',
  'Distortion Guitar', 'Guitar Harmonics', 'Acoustic Bass', 'Electric Bass (finger)', 'Electric Bass (pick)',
  'Fretless Bass', 'Slap Bass 1', 'Slap Bass 2', 'Synth Bass 1', 'Synth Bass 2', 'Violin', 'Viola', 'Cello',
  'Contrabass', 'Tremolo Strings', 'Pizzicato Strings', 'Orchestral Harp', 'Timpani', 'String Ensembles 1',
  'String Ensembles 2', 'SynthStrings 1', 'SynthStrings 2', 'Choir Aahs', 'Voice Oohs', 'Synth Voice',
  'Orchestra Hit', 'Trumpet', 'Trombone', 'Tuba', 'Muted Trumpet', 'French Horn', 'Brass Section', 'Synth Brass 1',
  'Synth Brass 2', 'Soprano Sax', 'Alto Sax', 'Tenor Sax', 'Baritone Sax', 'Oboe', 'English Horn', 'Bassoon',
  'Clarinet', 'Piccolo', 'Flute', 'Recorder', 'Pan Flute', 'Blown Bottle', 'Shakuhachi', 'Whistle', 'Ocarina',
  'Lead 1 (square)', 'Lead 2 (sawtooth)', 'Lead 3 (calliope)', 'Lead 4 (chiff)', 'Lead 5 (charang)',
  'Lead 6 (voice)', 'Lead 7 (fifths)', 'Lead 8 (bass + lead)', 'Pad 1 (new age)', 'Pad 2 (warm)',
  'Pad 3 (polysynth)', 'Pad 4 (choir)', 'Pad 5 (bowed)', 'Pad 6 (metallic)', 'Pad 7 (halo)', 'Pad 8 (sweep)',
  'FX 1 (rain)', 'FX 2 (soundtrack)', 'FX 3 (crystal)', 'FX 4 (atmosphere)', 'FX 5 (brightness)', 'FX 6 (goblins)',
  'FX 7 (echoes)', 'FX 8 (sci-fi)', 'Sitar', 'Banjo', 'Shamisen', 'Koto', 'Kalimba', 'Bag pipe', 'Fiddle', 'Shanai',
  'Tinkle Bell', 'Agogo', 'Steel Drums', 'Woodblock', 'Taiko Drum', 'Melodic Tom', 'Synth Drum', 'Reverse Cymbal',
  'Guitar Fret Noise, Guitar Cutting Noise', 'Breath Noise, Flute Key Click',
  'Seashore, Rain, Thunder, Wind, Stream, Bubbles', 'Bird Tweet, Dog, Horse Gallop',
  'Telephone Ring, Door Creaking, Door, Scratch, Wind Chime', 'Helicopter, Car Sounds',
  'Applause, Laughing, Screaming, Punch, Heart Beat, Footstep', 'Gunshot, Machine Gun, Lasergun, Explosion',
];

export function trackNameOf(program: number): string {
  return program === -1 ? 'Drums' : (MIDI_INSTRUMENT_NAMES[program] ?? `Program ${program}`);
}

/** Recommended pitch range `[start, stop)` of each GM program (MidiTok `MIDI_INSTRUMENTS[p]["pitch_range"]`). */
export const MIDI_INSTRUMENT_PITCH_RANGES: readonly (readonly [number, number])[] = [[21, 109], [21, 109], [21, 109], [21, 109], [28, 104], [28, 104], [41, 90], [36, 97], [60, 109], [72, 109], [60, 85], [53, 90], [48, 85], [65, 97], [60, 78], [60, 85], [36, 97], [36, 97], [36, 97], [21, 109], [36, 97], [53, 90], [60, 85], [53, 90], [40, 85], [40, 85], [40, 87], [40, 87], [40, 87], [40, 87], [40, 87], [40, 87], [28, 56], [28, 56], [28, 56], [28, 56], [28, 56], [28, 56], [28, 56], [28, 56], [55, 94], [48, 85], [36, 73], [28, 56], [28, 94], [28, 94], [23, 104], [36, 58], [28, 97], [28, 97], [36, 97], [36, 97], [48, 80], [48, 80], [48, 85], [48, 73], [58, 95], [34, 76], [29, 56], [58, 83], [41, 78], [36, 97], [36, 97], [36, 97], [54, 88], [49, 81], [42, 76], [37, 69], [58, 92], [52, 82], [34, 73], [50, 92], [74, 109], [60, 97], [60, 97], [60, 97], [60, 97], [55, 85], [60, 97], [60, 85], [21, 109], [21, 109], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [21, 109], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [36, 97], [48, 78], [48, 85], [50, 80], [55, 85], [48, 80], [36, 78], [55, 97], [48, 73], [72, 85], [60, 73], [52, 77], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128], [0, 128]];
