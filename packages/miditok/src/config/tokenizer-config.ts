import { ConfigError } from '@mirkit/core';
import { pythonSetOrder } from '../numeric/python-set-order.js';

/** `[firstBeat, lastBeat]` → positions per beat (MidiTok's `beat_res`, keys like `"0_4"` in JSON). */
export type BeatRes = ReadonlyArray<readonly [number, number, number]>;

/** MidiTok's 14 default chord qualities (`constants.CHORD_MAPS`). */
export const CHORD_MAPS: Readonly<Record<string, readonly number[]>> = {
  min: [0, 3, 7],
  maj: [0, 4, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  sus2: [0, 2, 7],
  sus4: [0, 5, 7],
  '7dom': [0, 4, 7, 10],
  '7min': [0, 3, 7, 10],
  '7maj': [0, 4, 7, 11],
  '7halfdim': [0, 3, 6, 10],
  '7dim': [0, 3, 6, 9],
  '7aug': [0, 4, 8, 11],
  '9maj': [0, 4, 7, 10, 14],
  '9min': [0, 4, 7, 10, 13],
};

/**
 * Key order of the `time_signature_range` object in a MidiTok JSON text (`JSON.parse` would sort its integer keys).
 */
export function timeSignatureKeyOrder(jsonText: string): number[] | undefined {
  const at = jsonText.indexOf('"time_signature_range"');
  if (at < 0) return undefined;
  const open = jsonText.indexOf('{', at);
  const close = jsonText.indexOf('}', open);
  if (open < 0 || close < 0) return undefined;
  return [...jsonText.slice(open, close).matchAll(/"(-?\d+)"\s*:/g)].map((m) => Number(m[1]));
}

/** Parses a MidiTok config JSON text (a `tokenizer.json` or a config-only file), keeping MidiTok's key order. */
export function parseMiditokConfigJson(jsonText: string): TokenizerConfig {
  const parsed = JSON.parse(jsonText) as Record<string, unknown>;
  const cfg = (typeof parsed.config === 'object' && parsed.config !== null ? parsed.config : parsed) as Record<string, unknown>;
  return TokenizerConfig.fromMiditokDict(cfg, timeSignatureKeyOrder(jsonText));
}

/** Options of {@link TokenizerConfig}; every MidiTok `TokenizerConfig` parameter, camelCased, with its default. */
export interface TokenizerConfigOptions {
  pitchRange?: readonly [number, number];
  beatRes?: BeatRes;
  numVelocities?: number;
  removeDuplicatedNotes?: boolean;
  encodeIdsSplit?: 'bar' | 'beat' | 'no';
  specialTokens?: readonly string[];
  useVelocities?: boolean;
  useNoteDurationPrograms?: readonly number[];
  useChords?: boolean;
  useRests?: boolean;
  useTempos?: boolean;
  useTimeSignatures?: boolean;
  useSustainPedals?: boolean;
  usePitchBends?: boolean;
  usePrograms?: boolean;
  usePitchIntervals?: boolean;
  usePitchdrumTokens?: boolean;
  defaultNoteDuration?: number;
  programs?: readonly number[];
  oneTokenStreamForPrograms?: boolean;
  programChanges?: boolean;
  beatResRest?: BeatRes;
  chordMaps?: Readonly<Record<string, readonly number[]>>;
  chordTokensWithRootNote?: boolean;
  chordUnknown?: readonly [number, number] | null;
  numTempos?: number;
  tempoRange?: readonly [number, number];
  logTempos?: boolean;
  deleteEqualSuccessiveTempoChanges?: boolean;
  /** Denominator → numerators (an entry may be `[min, max]` range given as `{ range: [min, max] }`). */
  timeSignatureRange?: ReadonlyArray<readonly [number, readonly number[]]>;
  deleteEqualSuccessiveTimeSigChanges?: boolean;
  sustainPedalDuration?: boolean;
  pitchBendRange?: readonly [number, number, number];
  maxPitchInterval?: number;
  pitchIntervalsMaxTimeDist?: number;
  drumsPitchRange?: readonly [number, number];
  acPolyphonyTrack?: boolean;
  acPolyphonyBar?: boolean;
  acPolyphonyMin?: number;
  acPolyphonyMax?: number;
  acPitchClassBar?: boolean;
  acNoteDensityTrack?: boolean;
  acNoteDensityTrackMin?: number;
  acNoteDensityTrackMax?: number;
  acNoteDensityBar?: boolean;
  acNoteDensityBarMax?: number;
  acNoteDurationBar?: boolean;
  acNoteDurationTrack?: boolean;
  acRepetitionTrack?: boolean;
  acRepetitionTrackNumBins?: number;
  acRepetitionTrackNumConsecBars?: number;
  /** Tokenizer-specific parameters (MidiTok `**kwargs`): `max_bar_embedding`, `base_tokenizer`, … (snake_case). */
  additionalParams?: Readonly<Record<string, unknown>>;
}

function normaliseSpecialToken(token: string): string {
  const parts = token.split('_');
  if (parts.length === 1) return `${token}_None`;
  if (parts.length > 2) return `${parts.slice(0, -1).join('-')}_${parts[parts.length - 1]!}`;
  return token;
}

const DEFAULT_PROGRAMS = Array.from({ length: 129 }, (_, i) => i - 1);

/**
 * MidiTok's `TokenizerConfig` (3.0.6): every parameter with MidiTok's default and normalisation. Sets
 * (`programs`, `useNoteDurationPrograms`) are kept in CPython set iteration order, as MidiTok iterates them.
 */
export class TokenizerConfig {
  pitchRange: [number, number];
  beatRes: [number, number, number][];
  numVelocities: number;
  removeDuplicatedNotes: boolean;
  encodeIdsSplit: 'bar' | 'beat' | 'no';
  specialTokens: string[];
  useVelocities: boolean;
  useNoteDurationPrograms: number[];
  useChords: boolean;
  useRests: boolean;
  useTempos: boolean;
  useTimeSignatures: boolean;
  useSustainPedals: boolean;
  usePitchBends: boolean;
  usePrograms: boolean;
  usePitchIntervals: boolean;
  usePitchdrumTokens: boolean;
  defaultNoteDuration: number;
  programs: number[];
  oneTokenStreamForPrograms: boolean;
  programChanges: boolean;
  beatResRest: [number, number, number][];
  chordMaps: Record<string, number[]>;
  chordTokensWithRootNote: boolean;
  chordUnknown: [number, number] | null;
  numTempos: number;
  tempoRange: [number, number];
  logTempos: boolean;
  deleteEqualSuccessiveTempoChanges: boolean;
  timeSignatureRange: [number, number[]][];
  deleteEqualSuccessiveTimeSigChanges: boolean;
  sustainPedalDuration: boolean;
  pitchBendRange: [number, number, number];
  maxPitchInterval: number;
  pitchIntervalsMaxTimeDist: number;
  drumsPitchRange: [number, number];
  acPolyphonyTrack: boolean;
  acPolyphonyBar: boolean;
  acPolyphonyMin: number;
  acPolyphonyMax: number;
  acPitchClassBar: boolean;
  acNoteDensityTrack: boolean;
  acNoteDensityTrackMin: number;
  acNoteDensityTrackMax: number;
  acNoteDensityBar: boolean;
  acNoteDensityBarMax: number;
  acNoteDurationBar: boolean;
  acNoteDurationTrack: boolean;
  acRepetitionTrack: boolean;
  acRepetitionTrackNumBins: number;
  acRepetitionTrackNumConsecBars: number;
  additionalParams: Record<string, unknown>;

  constructor(o: TokenizerConfigOptions = {}) {
    this.pitchRange = [...(o.pitchRange ?? [21, 109])];
    const [lo, hi] = this.pitchRange;
    if (!(lo >= 0 && lo < hi && hi <= 127)) {
      throw new ConfigError('ERR_INVALID_OPTION', `pitchRange should satisfy 0 <= lo < hi <= 127, but got [${lo}, ${hi}]`);
    }
    this.beatRes = (o.beatRes ?? [[0, 4, 8], [4, 12, 4]]).map((r) => [...r] as [number, number, number]);
    this.numVelocities = o.numVelocities ?? 32;
    if (!(this.numVelocities >= 1 && this.numVelocities <= 127)) {
      throw new ConfigError('ERR_INVALID_OPTION', `numVelocities should be in 1…127, but got ${this.numVelocities}`);
    }
    this.removeDuplicatedNotes = o.removeDuplicatedNotes ?? false;
    this.encodeIdsSplit = o.encodeIdsSplit ?? 'bar';
    const special: string[] = [];
    for (const t of o.specialTokens ?? ['PAD', 'BOS', 'EOS', 'MASK']) {
      const n = normaliseSpecialToken(t);
      if (!special.includes(n)) special.push(n);
    }
    if (!special.includes('PAD_None')) special.push('PAD_None');
    this.specialTokens = special;
    this.useVelocities = o.useVelocities ?? true;
    this.useNoteDurationPrograms = pythonSetOrder(o.useNoteDurationPrograms ?? DEFAULT_PROGRAMS);
    this.useChords = o.useChords ?? false;
    this.useRests = o.useRests ?? false;
    this.useTempos = o.useTempos ?? false;
    this.useTimeSignatures = o.useTimeSignatures ?? false;
    this.useSustainPedals = o.useSustainPedals ?? false;
    this.usePitchBends = o.usePitchBends ?? false;
    this.usePrograms = o.usePrograms ?? false;
    this.usePitchIntervals = o.usePitchIntervals ?? false;
    this.usePitchdrumTokens = o.usePitchdrumTokens ?? true;
    this.defaultNoteDuration = o.defaultNoteDuration ?? 0.5;
    this.programs = pythonSetOrder(o.programs ?? DEFAULT_PROGRAMS);
    this.oneTokenStreamForPrograms = (o.oneTokenStreamForPrograms ?? true) && this.usePrograms;
    this.programChanges = (o.programChanges ?? false) && this.usePrograms;
    this.beatResRest = (o.beatResRest ?? [[0, 1, 8], [1, 2, 4], [2, 12, 2]]).map((r) => [...r] as [number, number, number]);
    this.chordMaps = Object.fromEntries(Object.entries(o.chordMaps ?? CHORD_MAPS).map(([k, v]) => [k, [...v]]));
    this.chordTokensWithRootNote = o.chordTokensWithRootNote ?? false;
    this.chordUnknown = o.chordUnknown ? [o.chordUnknown[0], o.chordUnknown[1]] : null;
    this.numTempos = o.numTempos ?? 32;
    this.tempoRange = [...(o.tempoRange ?? [40, 250])];
    this.logTempos = o.logTempos ?? false;
    this.deleteEqualSuccessiveTempoChanges = o.deleteEqualSuccessiveTempoChanges ?? false;
    this.timeSignatureRange = (o.timeSignatureRange ?? [[8, [3, 12, 6]], [4, [5, 6, 3, 2, 1, 4]]]).map(([d, n]) => [d, [...n]]);
    for (const [den] of this.timeSignatureRange) {
      if (den <= 0 || (den & (den - 1)) !== 0) {
        throw new ConfigError('ERR_INVALID_OPTION', `timeSignatureRange denominators should be powers of 2, but got ${den}`);
      }
    }
    this.deleteEqualSuccessiveTimeSigChanges = o.deleteEqualSuccessiveTimeSigChanges ?? false;
    this.sustainPedalDuration = (o.sustainPedalDuration ?? false) && this.useSustainPedals;
    this.pitchBendRange = [...(o.pitchBendRange ?? [-8192, 8191, 32])];
    this.maxPitchInterval = o.maxPitchInterval ?? 16;
    this.pitchIntervalsMaxTimeDist = o.pitchIntervalsMaxTimeDist ?? 1;
    this.drumsPitchRange = [...(o.drumsPitchRange ?? [27, 88])];
    this.acPolyphonyTrack = o.acPolyphonyTrack ?? false;
    this.acPolyphonyBar = o.acPolyphonyBar ?? false;
    this.acPolyphonyMin = o.acPolyphonyMin ?? 1;
    this.acPolyphonyMax = o.acPolyphonyMax ?? 6;
    this.acPitchClassBar = o.acPitchClassBar ?? false;
    this.acNoteDensityTrack = o.acNoteDensityTrack ?? false;
    this.acNoteDensityTrackMin = o.acNoteDensityTrackMin ?? 0;
    this.acNoteDensityTrackMax = o.acNoteDensityTrackMax ?? 18;
    this.acNoteDensityBar = o.acNoteDensityBar ?? false;
    this.acNoteDensityBarMax = o.acNoteDensityBarMax ?? 18;
    this.acNoteDurationBar = o.acNoteDurationBar ?? false;
    this.acNoteDurationTrack = o.acNoteDurationTrack ?? false;
    this.acRepetitionTrack = o.acRepetitionTrack ?? false;
    this.acRepetitionTrackNumBins = o.acRepetitionTrackNumBins ?? 10;
    this.acRepetitionTrackNumConsecBars = o.acRepetitionTrackNumConsecBars ?? 4;
    this.additionalParams = { ...(o.additionalParams ?? {}) };
    // MidiTok disables rests when some programs have no duration tokens.
    if (this.useRests && this.programs.some((p) => !this.useNoteDurationPrograms.includes(p))) this.useRests = false;
  }

  /** Largest positions-per-beat value of `beatRes`. */
  get maxNumPosPerBeat(): number {
    return Math.max(...this.beatRes.map((r) => r[2]));
  }

  /** True when at least one program gets `Duration` tokens. */
  get usingNoteDurationTokens(): boolean {
    return this.useNoteDurationPrograms.length > 0;
  }

  /** True when any attribute control is enabled. */
  get attributeControlsEnabled(): boolean {
    return (
      this.acPolyphonyTrack ||
      this.acPolyphonyBar ||
      this.acPitchClassBar ||
      this.acNoteDensityTrack ||
      this.acNoteDensityBar ||
      this.acNoteDurationBar ||
      this.acNoteDurationTrack ||
      this.acRepetitionTrack
    );
  }

  /** A deep copy. */
  copy(): TokenizerConfig {
    const out = Object.create(TokenizerConfig.prototype) as TokenizerConfig;
    Object.assign(out, structuredClone({ ...this }));
    return out;
  }

  /** MidiTok's JSON form (`TokenizerConfig.to_dict(serialize=True)`), keys in MidiTok's order. */
  toMiditokDict(): Record<string, unknown> {
    const br = (r: [number, number, number][]): Record<string, number> => Object.fromEntries(r.map(([a, b, v]) => [`${a}_${b}`, v]));
    return {
      pitch_range: [...this.pitchRange],
      beat_res: br(this.beatRes),
      num_velocities: this.numVelocities,
      remove_duplicated_notes: this.removeDuplicatedNotes,
      encode_ids_split: this.encodeIdsSplit,
      special_tokens: [...this.specialTokens],
      use_velocities: this.useVelocities,
      use_note_duration_programs: [...this.useNoteDurationPrograms],
      use_chords: this.useChords,
      use_rests: this.useRests,
      use_tempos: this.useTempos,
      use_time_signatures: this.useTimeSignatures,
      use_sustain_pedals: this.useSustainPedals,
      use_pitch_bends: this.usePitchBends,
      use_programs: this.usePrograms,
      use_pitch_intervals: this.usePitchIntervals,
      use_pitchdrum_tokens: this.usePitchdrumTokens,
      default_note_duration: this.defaultNoteDuration,
      programs: [...this.programs],
      one_token_stream_for_programs: this.oneTokenStreamForPrograms,
      program_changes: this.programChanges,
      beat_res_rest: br(this.beatResRest),
      chord_maps: Object.fromEntries(Object.entries(this.chordMaps).map(([k, v]) => [k, [...v]])),
      chord_tokens_with_root_note: this.chordTokensWithRootNote,
      chord_unknown: this.chordUnknown ? [...this.chordUnknown] : null,
      num_tempos: this.numTempos,
      tempo_range: [...this.tempoRange],
      log_tempos: this.logTempos,
      delete_equal_successive_tempo_changes: this.deleteEqualSuccessiveTempoChanges,
      // A Map keeps MidiTok's key order (an object would sort the integer-like keys).
      time_signature_range: new Map(this.timeSignatureRange.map(([d, n]) => [String(d), [...n]])),
      delete_equal_successive_time_sig_changes: this.deleteEqualSuccessiveTimeSigChanges,
      sustain_pedal_duration: this.sustainPedalDuration,
      pitch_bend_range: [...this.pitchBendRange],
      max_pitch_interval: this.maxPitchInterval,
      pitch_intervals_max_time_dist: this.pitchIntervalsMaxTimeDist,
      drums_pitch_range: [...this.drumsPitchRange],
      ac_polyphony_track: this.acPolyphonyTrack,
      ac_polyphony_bar: this.acPolyphonyBar,
      ac_polyphony_min: this.acPolyphonyMin,
      ac_polyphony_max: this.acPolyphonyMax,
      ac_pitch_class_bar: this.acPitchClassBar,
      ac_note_density_track: this.acNoteDensityTrack,
      ac_note_density_track_min: this.acNoteDensityTrackMin,
      ac_note_density_track_max: this.acNoteDensityTrackMax,
      ac_note_density_bar: this.acNoteDensityBar,
      ac_note_density_bar_max: this.acNoteDensityBarMax,
      ac_note_duration_bar: this.acNoteDurationBar,
      ac_note_duration_track: this.acNoteDurationTrack,
      ac_repetition_track: this.acRepetitionTrack,
      ac_repetition_track_num_bins: this.acRepetitionTrackNumBins,
      ac_repetition_track_num_consec_bars: this.acRepetitionTrackNumConsecBars,
      additional_params: { ...this.additionalParams },
    };
  }

  /** Builds a config from MidiTok's JSON form (`tokenizer.json["config"]` or a `save_to_json` file). */
  static fromMiditokDict(d: Record<string, unknown>, timeSignatureOrder?: readonly number[]): TokenizerConfig {
    const get = <T>(k: string): T | undefined => (d[k] === undefined ? undefined : (d[k] as T));
    const parseBr = (v: unknown, field: string): BeatRes | undefined => {
      if (v === undefined) return undefined;
      if (typeof v !== 'object' || v === null) throw new ConfigError('ERR_INVALID_OPTION', `config.${field} should be an object`);
      return Object.entries(v as Record<string, number>).map(([k, res]) => {
        const [a, b] = k.split('_').map(Number);
        if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b)) {
          throw new ConfigError('ERR_INVALID_OPTION', `config.${field} key '${k}' should look like '0_4'`);
        }
        return [a, b, res] as const;
      });
    };
    const tsrRaw = d.time_signature_range;
    const tsr = tsrRaw instanceof Map ? (Object.fromEntries(tsrRaw) as Record<string, unknown>) : (tsrRaw as Record<string, unknown> | undefined);
    if (tsrRaw instanceof Map && !timeSignatureOrder) timeSignatureOrder = [...tsrRaw.keys()].map(Number);
    // JSON.parse orders integer-like keys ascending; MidiTok iterates the dict in file order, so callers pass the
    // order read from the text (see `timeSignatureKeyOrder`).
    let tsEntries = tsr ? Object.entries(tsr) : undefined;
    if (tsEntries && timeSignatureOrder) {
      const order = timeSignatureOrder.map(String);
      tsEntries = [...tsEntries].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    }
    const timeSignatureRange = tsEntries?.map(([den, nums]): [number, number[]] => [Number(den), nums as number[]]);
    const o: TokenizerConfigOptions = {};
    const assign = (key: keyof TokenizerConfigOptions, value: unknown): void => {
      if (value !== undefined) (o as Record<string, unknown>)[key] = value;
    };
    assign('pitchRange', get('pitch_range'));
    assign('beatRes', parseBr(d.beat_res, 'beat_res'));
    assign('numVelocities', get('num_velocities') ?? get('nb_velocities'));
    assign('removeDuplicatedNotes', get('remove_duplicated_notes'));
    assign('encodeIdsSplit', get('encode_ids_split'));
    assign('specialTokens', get('special_tokens'));
    assign('useVelocities', get('use_velocities'));
    assign('useNoteDurationPrograms', get('use_note_duration_programs'));
    assign('useChords', get('use_chords'));
    assign('useRests', get('use_rests'));
    assign('useTempos', get('use_tempos'));
    assign('useTimeSignatures', get('use_time_signatures'));
    assign('useSustainPedals', get('use_sustain_pedals'));
    assign('usePitchBends', get('use_pitch_bends'));
    assign('usePrograms', get('use_programs'));
    assign('usePitchIntervals', get('use_pitch_intervals'));
    assign('usePitchdrumTokens', get('use_pitchdrum_tokens'));
    assign('defaultNoteDuration', get('default_note_duration'));
    assign('programs', get('programs'));
    assign('oneTokenStreamForPrograms', get('one_token_stream_for_programs'));
    assign('programChanges', get('program_changes'));
    assign('beatResRest', parseBr(d.beat_res_rest, 'beat_res_rest'));
    assign('chordMaps', get('chord_maps'));
    assign('chordTokensWithRootNote', get('chord_tokens_with_root_note'));
    assign('chordUnknown', get('chord_unknown'));
    assign('numTempos', get('num_tempos') ?? get('nb_tempos'));
    assign('tempoRange', get('tempo_range'));
    assign('logTempos', get('log_tempos'));
    assign('deleteEqualSuccessiveTempoChanges', get('delete_equal_successive_tempo_changes'));
    assign('timeSignatureRange', timeSignatureRange);
    assign('deleteEqualSuccessiveTimeSigChanges', get('delete_equal_successive_time_sig_changes'));
    assign('sustainPedalDuration', get('sustain_pedal_duration'));
    assign('pitchBendRange', get('pitch_bend_range'));
    assign('maxPitchInterval', get('max_pitch_interval'));
    assign('pitchIntervalsMaxTimeDist', get('pitch_intervals_max_time_dist'));
    assign('drumsPitchRange', get('drums_pitch_range'));
    for (const [snake, camel] of [
      ['ac_polyphony_track', 'acPolyphonyTrack'],
      ['ac_polyphony_bar', 'acPolyphonyBar'],
      ['ac_polyphony_min', 'acPolyphonyMin'],
      ['ac_polyphony_max', 'acPolyphonyMax'],
      ['ac_pitch_class_bar', 'acPitchClassBar'],
      ['ac_note_density_track', 'acNoteDensityTrack'],
      ['ac_note_density_track_min', 'acNoteDensityTrackMin'],
      ['ac_note_density_track_max', 'acNoteDensityTrackMax'],
      ['ac_note_density_bar', 'acNoteDensityBar'],
      ['ac_note_density_bar_max', 'acNoteDensityBarMax'],
      ['ac_note_duration_bar', 'acNoteDurationBar'],
      ['ac_note_duration_track', 'acNoteDurationTrack'],
      ['ac_repetition_track', 'acRepetitionTrack'],
      ['ac_repetition_track_num_bins', 'acRepetitionTrackNumBins'],
      ['ac_repetition_track_num_consec_bars', 'acRepetitionTrackNumConsecBars'],
    ] as const) {
      assign(camel, get(snake));
    }
    assign('additionalParams', get('additional_params'));
    return new TokenizerConfig(o);
  }
}
