import { mkdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { ConfigError, writeFileAtomic } from '@mirkit/core';
import { pyJsonDumps } from '../config/py-json.js';
import { TokenizerConfig, type TokenizerConfigOptions } from '../config/tokenizer-config.js';
import { closestIndex } from '../numeric/closest.js';
import { geomspace, linspace, linspaceInt } from '../numeric/linspace.js';
import { npRound, pyFloatRepr, pyRound, roundHalfEven } from '../numeric/rounding.js';
import { resampleScore } from '../score/resample.js';
import {
  cloneScore,
  scoreEnd,
  type Note,
  type Pedal,
  type PitchBend,
  type Score,
  type Tempo,
  type TimeSignature,
  type Track,
} from '../score/score.js';
import { parseTimeSig } from './decode-context.js';
import { ev, eventToken, sortEventsByTime, type Event } from './event.js';
import { detectChords } from './chords.js';
import { getBarsTicks, getBeatsTicks, qpmToMspq, scoreTicksPerBeat, ticksPerBarOf, ticksPerBeatOf } from './time-utils.js';
import {
  barNoteDensity,
  barNoteDuration,
  barOnsetPolyphony,
  barPitchClass,
  trackNoteDensity,
  trackNoteDuration,
  trackOnsetPolyphony,
  trackRepetition,
  type AttributeControl,
  type AttributeControlsIndexes,
} from '../attribute-controls/attribute-controls.js';
import type { TokSequence } from './tok-sequence.js';
import { CHR_ID_START, TrainedModel } from '../train/trained-model.js';

/** `(beat, position, resolution)` time value of Duration / TimeShift / Rest tokens. */
export type TimeTuple = readonly [number, number, number];

export const TIME_SIGNATURE: readonly [number, number] = [4, 4];
/** Versions written in params files (the MidiTok release whose logic this package follows). */
export const MIDITOK_VERSION = '3.0.6.post1';
export const SYMUSIC_VERSION = '0.5.9';
export const HF_TOKENIZERS_VERSION = '0.23.2';
export const TEMPO = 120;

/** `b.p.r` string of a time tuple. */
export function timeTupleString(t: TimeTuple): string {
  return `${t[0]}.${t[1]}.${t[2]}`;
}

/** `(beat·res + pos) · tpb // res`. */
export function timeTupleTicks(t: TimeTuple, tpb: number): number {
  return Math.floor(((t[0] * t[2] + t[1]) * tpb) / t[2]);
}

function timeTuples(beatRes: readonly (readonly [number, number, number])[]): TimeTuple[] {
  const out: TimeTuple[] = [];
  for (const [b0, b1, res] of beatRes) {
    for (let beat = b0; beat < b1; beat++) for (let pos = 0; pos < res; pos++) out.push([beat, pos, res]);
  }
  // the largest key by tuple comparison
  let max = beatRes[0]!;
  for (const r of beatRes) if (r[0] > max[0] || (r[0] === max[0] && r[1] > max[1])) max = r;
  out.push([Math.max(max[0], max[1]), 0, max[2]]);
  out.shift();
  return out;
}

export { qpmToMspq } from './time-utils.js';

/** Tracks of the preprocessed score as `[program, isDrum]` pairs (what multi-stream decoding needs). */
export function scorePrograms(score: Score): [number, boolean][] {
  return score.tracks.map((t) => [t.program, t.isDrum]);
}

/** A multi-stream encoding: one sequence per track. */
export type EncodeOutput = TokSequence | TokSequence[] | TokSequence<string[], number[]> | TokSequence<string[], number[]>[];

/**
 * Base of every MidiTok tokenizer (`MusicTokenizer`): derived values, vocabulary, preprocessing and the
 * encoding pipeline. Subclasses implement the base vocabulary, time events and decoding.
 */
export abstract class MusicTokenizer {
  readonly config: TokenizerConfig;
  /** Class name written as `tokenization` in params files. */
  abstract readonly tokenization: string;
  protected noteOnOff = false;
  oneTokenStream: boolean;
  timeSignatures: [number, number][];
  tpbPerTs: Map<number, number>;
  timeDivision: number;
  durations: TimeTuple[];
  tpbToTimeArray: Map<number, number[]>;
  tpbTokensToTicks: Map<number, Map<string, number>>;
  tpbTicksToTokens: Map<number, Map<number, string>>;
  rests: TimeTuple[];
  tpbToRestArray: Map<number, number[]>;
  tpbRestsToTicks: Map<number, Map<string, number>>;
  velocities: number[];
  firstBeatRes: number;
  tempos: number[];
  temposMspq: number[];
  defaultTempo: number;
  pitchBends: number[];
  /** token → id (one map per sub-vocabulary for multi-vocab tokenizers). */
  vocab: Map<string, number> | Map<string, number>[] = new Map();
  /** id → token. */
  vocabInv: string[] | string[][] = [];
  protected preprocessed = true;

  constructor(config: TokenizerConfig | TokenizerConfigOptions = {}) {
    this.config = config instanceof TokenizerConfig ? config.copy() : new TokenizerConfig(config);
    this.tweakConfigBeforeCreatingVocab();
    this.oneTokenStream = this.config.usePrograms && this.config.oneTokenStreamForPrograms;
    this.timeSignatures = [[TIME_SIGNATURE[0], TIME_SIGNATURE[1]]];
    if (this.config.useTimeSignatures) {
      this.timeSignatures = [];
      for (const [den, nums] of this.config.timeSignatureRange) for (const n of nums) this.timeSignatures.push([n, den]);
    }
    const maxDen = Math.max(...this.timeSignatures.map((t) => t[1]));
    this.tpbPerTs = new Map(this.config.timeSignatureRange.map(([den]) => [den, this.config.maxNumPosPerBeat * Math.floor(maxDen / den)]));
    this.timeDivision = this.tpbPerTs.get(4) ?? this.config.maxNumPosPerBeat;
    this.durations = this.createDurationsTuples();
    const mk = (values: TimeTuple[]): [Map<number, number[]>, Map<number, Map<string, number>>] => {
      const arr = new Map<number, number[]>();
      const tok = new Map<number, Map<string, number>>();
      for (const tpb of new Set(this.tpbPerTs.values())) {
        arr.set(tpb, values.map((t) => timeTupleTicks(t, tpb)));
        tok.set(tpb, new Map(values.map((t) => [timeTupleString(t), timeTupleTicks(t, tpb)])));
      }
      return [arr, tok];
    };
    [this.tpbToTimeArray, this.tpbTokensToTicks] = mk(this.durations);
    this.tpbTicksToTokens = new Map();
    for (const [tpb, m] of this.tpbTokensToTicks) {
      const inv = new Map<number, string>();
      for (const [k, v] of m) inv.set(v, k);
      this.tpbTicksToTokens.set(tpb, inv);
    }
    this.rests = this.config.useRests ? timeTuples(this.config.beatResRest) : [];
    [this.tpbToRestArray, this.tpbRestsToTicks] = mk(this.rests);
    this.velocities = this.config.useVelocities ? linspaceInt(0, 127, this.config.numVelocities + 1).slice(1) : [];
    this.firstBeatRes = this.config.beatRes[0]![2];
    for (const [b0, b1, res] of this.config.beatRes) {
      if (b0 === 0 || b1 === 0) {
        this.firstBeatRes = res;
        break;
      }
    }
    this.tempos = [0];
    this.temposMspq = [0];
    this.defaultTempo = TEMPO;
    if (this.config.useTempos) {
      const [a, b] = this.config.tempoRange;
      const raw = this.config.logTempos ? geomspace(a, b, this.config.numTempos) : linspace(a, b, this.config.numTempos);
      this.tempos = raw.map((v) => npRound(v, 2));
      this.temposMspq = this.tempos.map((t) => 60_000_000 / t).sort((x, y) => x - y);
      let best = 0;
      for (let i = 1; i < this.tempos.length; i++) {
        if (Math.abs(this.tempos[i]! - TEMPO) < Math.abs(this.tempos[best]! - TEMPO)) best = i;
      }
      this.defaultTempo = this.tempos[best]!;
    }
    this.pitchBends = [0];
    if (this.config.usePitchBends) {
      const [lo, hi, n] = this.config.pitchBendRange;
      this.pitchBends = linspaceInt(lo, hi, n);
    }
    this.createVocabulary();
    this.attributeControls = [];
    if (this.config.oneTokenStreamForPrograms || this.isMultiVoc) this.disableAttributeControls();
    else this.initAttributeControls();
  }

  /** Attribute controls enabled by the `ac*` config flags, in MidiTok's order (their tokens follow the base vocab). */
  attributeControls: AttributeControl[];

  /** MidiTok `_disable_attribute_controls` (also clears the config flags, as upstream). */
  protected disableAttributeControls(): void {
    const c = this.config;
    c.acPolyphonyTrack = c.acPolyphonyBar = c.acPitchClassBar = c.acNoteDensityTrack = false;
    c.acNoteDensityBar = c.acNoteDurationBar = c.acNoteDurationTrack = c.acRepetitionTrack = false;
  }

  private initAttributeControls(): void {
    const c = this.config;
    const acs: AttributeControl[] = [];
    if (c.acPolyphonyTrack) acs.push(trackOnsetPolyphony(c.acPolyphonyMin, c.acPolyphonyMax));
    if (c.acPolyphonyBar) acs.push(barOnsetPolyphony(c.acPolyphonyMin, c.acPolyphonyMax));
    if (c.acPitchClassBar) acs.push(barPitchClass());
    if (c.acNoteDensityTrack) acs.push(trackNoteDensity(c.acNoteDensityTrackMin, c.acNoteDensityTrackMax));
    if (c.acNoteDensityBar) acs.push(barNoteDensity(c.acNoteDensityBarMax));
    if (c.acNoteDurationBar) acs.push(barNoteDuration());
    if (c.acNoteDurationTrack) acs.push(trackNoteDuration());
    if (c.acRepetitionTrack) acs.push(trackRepetition(c.acRepetitionTrackNumBins, c.acRepetitionTrackNumConsecBars, c.pitchRange));
    const vocab = this.vocab as Map<string, number>;
    const inv = this.vocabInv as string[];
    for (const ac of acs) {
      this.attributeControls.push(ac);
      for (const t of ac.tokens) {
        if (vocab.has(t)) continue;
        vocab.set(t, inv.length);
        inv.push(t);
      }
    }
  }

  /** Hook for tokenizers that force config values (MidiTok `_tweak_config_before_creating_voc`). */
  protected tweakConfigBeforeCreatingVocab(): void {}

  protected createDurationsTuples(): TimeTuple[] {
    return timeTuples(this.config.beatRes);
  }

  /** Base vocabulary (without special tokens), one list or one list per sub-vocabulary. */
  protected abstract createBaseVocabulary(): string[] | string[][];

  get isMultiVoc(): boolean {
    return Array.isArray(this.vocab);
  }

  private createVocabulary(): void {
    const base = this.createBaseVocabulary();
    if (base.length > 0 && Array.isArray(base[0])) {
      const maps: Map<string, number>[] = [];
      const invs: string[][] = [];
      for (const sub of base as string[][]) {
        const m = new Map<string, number>();
        const inv: string[] = [];
        for (const tok of [...this.config.specialTokens, ...sub]) {
          if (m.has(tok)) continue;
          m.set(tok, inv.length);
          inv.push(tok);
        }
        maps.push(m);
        invs.push(inv);
      }
      this.vocab = maps;
      this.vocabInv = invs;
    } else {
      const m = new Map<string, number>();
      const inv: string[] = [];
      for (const tok of [...this.config.specialTokens, ...(base as string[])]) {
        if (m.has(tok)) continue;
        m.set(tok, inv.length);
        inv.push(tok);
      }
      this.vocab = m;
      this.vocabInv = inv;
    }
  }

  /** Number of tokens (a list for multi-vocab tokenizers). */
  get vocabSize(): number | number[] {
    return Array.isArray(this.vocab) ? this.vocab.map((v) => v.size) : this.vocab.size;
  }

  /** Id of `PAD_None`. */
  get padTokenId(): number {
    const v = Array.isArray(this.vocab) ? this.vocab[0]! : this.vocab;
    return v.get('PAD_None')!;
  }

  /** Id of a token (single-vocab tokenizers). */
  tokenId(token: string, vocabIdx?: number): number {
    const v = Array.isArray(this.vocab) ? this.vocab[vocabIdx ?? 0]! : this.vocab;
    const id = v.get(token);
    if (id === undefined) throw new ConfigError('ERR_INVALID_OPTION', `Token '${token}' is not in the vocabulary`);
    return id;
  }

  protected addNoteTokensToVocab(vocab: string[]): void {
    const [lo, hi] = this.config.pitchRange;
    if (this.noteOnOff) {
      for (let p = lo; p <= hi; p++) vocab.push(`NoteOn_${p}`);
      if (this.config.useNoteDurationPrograms.length > 0) for (let p = lo; p <= hi; p++) vocab.push(`NoteOff_${p}`);
    } else {
      for (let p = lo; p <= hi; p++) vocab.push(`Pitch_${p}`);
    }
    if (this.config.useVelocities) for (const v of this.velocities) vocab.push(`Velocity_${v}`);
    if ((!this.noteOnOff && this.config.usingNoteDurationTokens) || this.config.sustainPedalDuration) {
      for (const d of this.durations) vocab.push(`Duration_${timeTupleString(d)}`);
    }
  }

  protected chordTokens(): string[] {
    const out: string[] = [];
    const pcs = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
    const qualities = Object.keys(this.config.chordMaps);
    if (this.config.chordTokensWithRootNote) {
      for (const q of qualities) for (const r of pcs) out.push(`Chord_${r}:${q}`);
    } else for (const q of qualities) out.push(`Chord_${q}`);
    if (this.config.chordUnknown) {
      const [a, b] = this.config.chordUnknown;
      if (this.config.chordTokensWithRootNote) {
        for (let i = a; i < b; i++) for (const r of pcs) out.push(`Chord_${r}:${i}`);
      } else for (let i = a; i < b; i++) out.push(`Chord_${i}`);
    }
    return out;
  }

  protected addAdditionalTokensToVocab(vocab: string[]): void {
    const c = this.config;
    if (c.usePitchIntervals) {
      for (const type of ['PitchIntervalTime', 'PitchIntervalChord']) {
        for (let p = -c.maxPitchInterval; p <= c.maxPitchInterval; p++) vocab.push(`${type}_${p}`);
      }
    }
    if (c.usePitchdrumTokens) {
      const [lo, hi] = c.drumsPitchRange;
      const name = this.noteOnOff ? 'DrumOn' : 'PitchDrum';
      for (let p = lo; p <= hi; p++) vocab.push(`${name}_${p}`);
      if (this.noteOnOff) for (let p = lo; p <= hi; p++) vocab.push(`DrumOff_${p}`);
    }
    if (c.useChords) vocab.push(...this.chordTokens());
    if (c.useRests) for (const r of this.rests) vocab.push(`Rest_${timeTupleString(r)}`);
    if (c.useTempos) for (const t of this.tempos) vocab.push(`Tempo_${pyFloatRepr(t)}`);
    if (c.usePrograms) for (const p of c.programs) vocab.push(`Program_${p}`);
    if (c.useTimeSignatures) for (const [n, d] of this.timeSignatures) vocab.push(`TimeSig_${n}/${d}`);
    if (c.useSustainPedals) {
      if (c.usePrograms) {
        for (const p of c.programs) vocab.push(`Pedal_${p}`);
        if (!c.sustainPedalDuration) for (const p of c.programs) vocab.push(`PedalOff_${p}`);
      } else {
        vocab.push('Pedal_0');
        if (!c.sustainPedalDuration) vocab.push('PedalOff_0');
      }
    }
    if (c.usePitchBends) for (const b of this.pitchBends) vocab.push(`PitchBend_${b}`);
  }

  /** MidiTok's params dict (`to_dict()`): what `save` writes; extra keys for trained tokenizers. */
  toParams(): Record<string, unknown> {
    return {
      config: this.config.toMiditokDict(),
      tokenization: this.tokenization,
      miditok_version: MIDITOK_VERSION,
      symusic_version: SYMUSIC_VERSION,
      hf_tokenizers_version: HF_TOKENIZERS_VERSION,
      ...this.extraParams(),
    };
  }

  /** Keys added to {@link toParams} by trained tokenizers (`_vocab_base`, `_model` …). */
  protected extraParams(): Record<string, unknown> {
    if (!this.model) return {};
    const vocab = this.vocab as Map<string, number>;
    return {
      _vocab_base: Object.fromEntries(vocab),
      _model: this.model.modelJson,
      // id order, as MidiTok's dict; a Map keeps digit keys ("0"…"9") in place.
      _vocab_base_byte_to_token: new Map([...this.model.byteToToken].sort((a, b) => (vocab.get(a[1]) ?? 0) - (vocab.get(b[1]) ?? 0))),
    };
  }

  /** The trained BPE / Unigram / WordPiece model, if any. */
  model: TrainedModel | undefined;

  /** True when a BPE / Unigram / WordPiece model is loaded. */
  get isTrained(): boolean {
    return this.model !== undefined;
  }

  /** Loads the `_vocab_base`, `_model` and `_vocab_base_byte_to_token` entries of MidiTok params. */
  loadTrainedModel(params: Record<string, unknown>): void {
    if (this.isMultiVoc) throw new ConfigError('ERR_INVALID_OPTION', `${this.tokenization} uses several vocabularies and cannot be trained`);
    const model = params._model;
    if (typeof model !== 'string') throw new ConfigError('ERR_INVALID_OPTION', "Tokenizer params '_model' should be a JSON string");
    const vocabBase = params._vocab_base as Record<string, number> | undefined;
    if (vocabBase) {
      const m = new Map<string, number>(Object.entries(vocabBase).sort((a, b) => a[1] - b[1]));
      this.vocab = m;
      const inv: string[] = [];
      for (const [t, id] of m) inv[id] = t;
      this.vocabInv = inv;
    }
    const b2t = params._vocab_base_byte_to_token as Record<string, string> | undefined;
    const byteToToken = new Map<string, string>();
    if (b2t) for (const [b, t] of Object.entries(b2t)) byteToToken.set(b, t);
    else (this.vocabInv as string[]).forEach((t, id) => byteToToken.set(String.fromCodePoint(id + CHR_ID_START), t));
    this.model = new TrainedModel(model, byteToToken);
    this.tokenToByte = new Map([...byteToToken].map(([b, t]) => [t, b]));
  }

  private tokenToByte: Map<string, string> | undefined;

  /** Splits a base sequence into the words MidiTok feeds the model (`encode_ids_split`: bar / beat / no). */
  splitWords(seq: TokSequence): number[][] {
    const ids = seq.ids;
    const split = this.config.encodeIdsSplit;
    const events = seq.events as Event[] | undefined;
    const ticks = split === 'bar' ? seq.ticksBars : split === 'beat' ? seq.ticksBeats : undefined;
    if (split === 'no' || !ticks || !events) return [ids];
    const idxs = [0];
    let prev = 0;
    for (let bi = 1; bi < ticks.length; bi++) {
      let ti = prev;
      while (ti < events.length && events[ti]!.time < ticks[bi]!) ti++;
      if (ti === events.length) break;
      idxs.push(ti);
      prev = ti;
    }
    idxs.push(ids.length);
    const words: number[][] = [];
    for (let i = 1; i < idxs.length; i++) words.push(ids.slice(idxs[i - 1], idxs[i]));
    return words;
  }

  /** Base ids → the model's byte string. */
  idsToBytes(ids: readonly number[]): string {
    const inv = this.vocabInv as string[];
    const t2b = this.tokenToByte;
    let s = '';
    for (const id of ids) s += t2b?.get(inv[id]!) ?? String.fromCodePoint(id + CHR_ID_START);
    return s;
  }

  /** MidiTok `encode_token_ids`: applies the trained model to base sequences (in place). */
  async encodeTokenIds(seqs: EncodeOutput): Promise<void> {
    if (!this.model || this.isMultiVoc) return;
    for (const seq of (Array.isArray(seqs) ? seqs : [seqs]) as TokSequence[]) {
      if (seq.areIdsEncoded) continue;
      const words = this.splitWords(seq).map((w) => this.idsToBytes(w));
      seq.ids = await this.model.encodeWords(words);
      seq.areIdsEncoded = true;
    }
  }

  /** {@link encode} followed by {@link encodeTokenIds} when the tokenizer is trained. */
  async encodeAsync(score: Score): Promise<EncodeOutput> {
    const out = this.encode(score);
    await this.encodeTokenIds(out);
    return out;
  }

  /** MidiTok `decode_token_ids`: learned ids → base ids. */
  decodeTokenIds(ids: readonly number[]): number[] {
    if (!this.model) return [...ids];
    const vocab = this.vocab as Map<string, number>;
    return this.model.decodeToTokens(ids).map((t) => vocab.get(t)!);
  }

  /** The params as MidiTok writes them (`json.dump(…, indent=4)`). */
  paramsJson(): string {
    return pyJsonDumps(this.toParams());
  }

  /**
   * MidiTok `save(path)`: writes `tokenizer.json` (or `path` itself when it has an extension) atomically.
   * Returns the written path.
   */
  async save(path: string, filename = 'tokenizer.json'): Promise<string> {
    const target = extname(path) === '' ? join(path, filename) : path;
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, this.paramsJson());
    return target;
  }

  // ---------------------------------------------------------------------------------------------- preprocessing

  /** Minimum rest in ticks at a ticks-per-beat value. */
  protected minRest(tpb: number): number {
    if (!this.config.useRests) return 0;
    return this.tpbToRestArray.get(tpb)![0]!;
  }

  /**
   * MidiTok `preprocess_score`: a preprocessed copy (resampled, time signatures delayed to bar lines, notes out of
   * range removed, velocities / durations / tempos / pitch bends quantised). The input is never modified.
   */
  preprocessScore(input: Score): Score {
    const c = this.config;
    let tsCopy: TimeSignature[] = input.timeSignatures.map((t) => ({ ...t }));
    let newTpq: number;
    if (c.useTimeSignatures) {
      tsCopy = tsCopy.filter((t) => this.timeSignatures.some(([n, d]) => n === t.numerator && d === t.denominator));
      if (tsCopy.length === 0 || tsCopy[0]!.time !== 0) tsCopy.unshift({ time: 0, numerator: 4, denominator: 4 });
      const maxDen = Math.max(...tsCopy.map((t) => t.denominator));
      newTpq = Math.trunc((c.maxNumPosPerBeat * maxDen) / 4);
    } else {
      tsCopy = [{ time: 0, numerator: 4, denominator: 4 }];
      newTpq = c.maxNumPosPerBeat;
    }
    const score = this.resampleForPreprocessing(input, newTpq, tsCopy);
    if (c.useTimeSignatures && score.timeSignatures.length > 0) this.preprocessTimeSignatures(score.timeSignatures, score.tpq);

    let ticksPerBeat: [number, number][] | undefined;
    if (!this.noteOnOff || (c.useSustainPedals && c.sustainPedalDuration)) {
      ticksPerBeat =
        c.useTimeSignatures && score.timeSignatures.length > 0 ? scoreTicksPerBeat(score) : [[scoreEnd(score), score.tpq]];
    }
    const factors =
      c.useTimeSignatures && new Set(score.timeSignatures.map((t) => t.denominator)).size > 1 ? this.resamplingFactors(score) : undefined;

    if (c.usePrograms && c.oneTokenStreamForPrograms) mergeSameProgramTracks(score.tracks);

    for (let t = score.tracks.length - 1; t >= 0; t--) {
      const track = score.tracks[t]!;
      const program = track.isDrum ? -1 : track.program;
      if (this.isTrackEmpty(track) || (c.usePrograms && !c.programs.includes(program))) {
        score.tracks.splice(t, 1);
        continue;
      }
      if (track.notes.length > 0) this.preprocessNotes(track, factors, ticksPerBeat);
      if (c.usePitchBends && track.pitchBends.length > 0) track.pitchBends = this.preprocessPitchBends(track.pitchBends, factors);
      if (c.useSustainPedals && track.pedals.length > 0) track.pedals = this.preprocessPedals(track.pedals, factors, ticksPerBeat);
      if (this.isTrackEmpty(track)) score.tracks.splice(t, 1);
    }
    if (c.useTempos) score.tempos = this.preprocessTempos(score.tempos, factors);
    return score;
  }

  /**
   * MidiTok `_resample_score`: resamples to `newTpq` (TS times truncated, events rounded) and installs the filtered
   * time signatures. PerTok overrides it.
   */
  protected resampleForPreprocessing(input: Score, newTpq: number, tsCopy: TimeSignature[]): Score {
    let score: Score;
    if (input.tpq !== newTpq) {
      const f = newTpq / input.tpq;
      for (const t of tsCopy) t.time = Math.trunc(t.time * f);
      score = resampleScore(input, newTpq, 1);
    } else score = cloneScore(input);
    score.timeSignatures = tsCopy;
    return score;
  }

  private isTrackEmpty(track: Track): boolean {
    let empty = track.notes.length === 0;
    if (this.config.useSustainPedals) empty &&= track.pedals.length === 0;
    if (this.config.usePitchBends) empty &&= track.pitchBends.length === 0;
    return empty;
  }

  /** MidiTok `_preprocess_time_signatures` (in place). */
  protected preprocessTimeSignatures(ts: TimeSignature[], tpq: number): void {
    const eq = (a: TimeSignature, b: TimeSignature): boolean => a.numerator === b.numerator && a.denominator === b.denominator;
    let i = 0;
    let ticksPerBar = ticksPerBarOf(ts[0]!, tpq);
    let previousTick = 0;
    while (i < ts.length) {
      if (i >= 1 && eq(ts[i]!, ts[i - 1]!)) {
        ts.splice(i, 1);
        continue;
      }
      if (i >= 1 && ts[i]!.time < ts[i - 1]!.time) ts[i]!.time = ts[i - 1]!.time;
      const diff = ts[i]!.time - previousTick;
      const barOffset = Math.floor(diff / ticksPerBar);
      const rest = diff - barOffset * ticksPerBar;
      if (rest > 0) ts[i]!.time = previousTick + (barOffset + 1) * ticksPerBar;
      ticksPerBar = ticksPerBarOf(ts[i]!, tpq);
      previousTick = ts[i]!.time;
      if (i >= 1 && ts[i]!.time === ts[i - 1]!.time) {
        ts.splice(i - 1, 1);
        if (i >= 2 && eq(ts[i - 1]!, ts[i - 2]!)) {
          ts.splice(i - 1, 1);
          ticksPerBar = ticksPerBarOf(ts[i - 2]!, tpq);
          previousTick = ts[i - 2]!.time;
          i -= 1;
        }
        continue;
      }
      i += 1;
    }
    if (ts.length > 0) {
      if (this.config.deleteEqualSuccessiveTimeSigChanges && ts[0]!.numerator === 4 && ts[0]!.denominator === 4) ts[0]!.time = 0;
      else if (ts[0]!.time !== 0) ts.unshift({ time: 0, numerator: 4, denominator: 4 });
    } else ts.unshift({ time: 0, numerator: 4, denominator: 4 });
  }

  /** MidiTok `_get_score_resampling_factor`: rows `[endTick, factor]`. */
  private resamplingFactors(score: Score): [number, number][] {
    const ts = score.timeSignatures;
    const mpp = this.config.maxNumPosPerBeat;
    const f = (den: number): number => Math.floor(score.tpq / (mpp * (den / 4)));
    const rows: [number, number][] = [];
    for (let i = 0; i < ts.length - 1; i++) rows.push([ts[i + 1]!.time, f(ts[i]!.denominator)]);
    rows.push([scoreEnd(score) + 1, f(ts[ts.length - 1]!.denominator)]);
    for (let i = rows.length - 1; i > 0; i--) {
      if (rows[i]![1] === rows[i - 1]![1]) {
        rows[i - 1]![0] = rows[i]![0];
        rows.splice(i, 1);
      }
    }
    return rows;
  }

  /**
   * MidiTok `__convert_resampling_ratios_ticks_to_idx`, including its use of an index relative to the previous
   * section as an absolute one (reproduced: it decides which notes are snapped).
   */
  private factorsToIdx(factors: [number, number][], times: ArrayLike<number>): [number, number][] {
    let idxFirst = 0;
    return factors.map((row, k) => {
      let idxLast: number;
      if (k + 1 === factors.length) idxLast = times.length - 1;
      else {
        idxLast = 0;
        for (let j = Math.min(idxFirst, times.length); j < times.length; j++) {
          if (times[j]! >= row[0]) {
            idxLast = j - idxFirst;
            break;
          }
        }
      }
      idxFirst = idxLast;
      return [idxLast, row[1]];
    });
  }

  /** MidiTok `_adjust_time_to_tpb` with NumPy slice semantics (`rows[k][0]` are slice ends). */
  private adjustTimeToTpb(times: number[], rows: [number, number][], minDuration?: number): void {
    const n = times.length;
    let first: number | undefined = 0;
    for (let k = 0; k < rows.length; k++) {
      const [idxLast, factor] = rows[k]!;
      const last = k === rows.length - 1 ? undefined : idxLast;
      if (factor !== 1) {
        const a = Math.min(first ?? n, n);
        const b = last === undefined ? n : Math.min(last, n);
        for (let j = a; j < b; j++) {
          times[j] = roundHalfEven(times[j]! / factor) * factor;
          if (minDuration !== undefined && times[j] === 0) times[j] = minDuration * factor;
        }
      }
      first = last;
    }
  }

  /** Index of the ticks-per-beat section of a tick (first row whose end is > tick). */
  protected static sectionIndex(rows: [number, number][], tick: number, from = 0): number {
    let i = from;
    while (i < rows.length - 1 && tick >= rows[i]![0]) i++;
    return i;
  }

  protected adjustDurations(items: { time: number; duration: number }[], ticksPerBeat: [number, number][]): void {
    if (items.length === 0) return;
    let first = 0;
    const tickLastEvent = items[items.length - 1]!.time;
    for (let k = 0; k < ticksPerBeat.length; k++) {
      const [lastTick, tpb] = ticksPerBeat[k]!;
      let last: number | undefined;
      if (k + 1 === ticksPerBeat.length || lastTick > tickLastEvent) last = undefined;
      else {
        let j = first;
        while (j < items.length && !(items[j]!.time >= lastTick)) j++;
        last = j === items.length ? first : j;
      }
      const arr = this.tpbToTimeArray.get(tpb)!;
      const end = last ?? items.length;
      for (let j = first; j < end; j++) items[j]!.duration = arr[closestIndex(arr, items[j]!.duration)]!;
      if (last === undefined) break;
      first = last;
    }
  }

  protected preprocessNotes(track: Track, factors: [number, number][] | undefined, ticksPerBeat: [number, number][] | undefined): void {
    const c = this.config;
    const [lo, hi] = track.isDrum && c.usePitchdrumTokens ? c.drumsPitchRange : c.pitchRange;
    let notes = track.notes.filter((n) => n.pitch >= lo && n.pitch <= hi);
    if (notes.length === 0) {
      track.notes = [];
      return;
    }
    if (c.useVelocities) {
      const vs = this.velocities;
      for (const n of notes) n.velocity = vs[closestIndex(vs, n.velocity)]!;
    }
    if (factors) {
      const rows = this.factorsToIdx(factors, notes.map((n) => n.time));
      const times = notes.map((n) => n.time);
      this.adjustTimeToTpb(times, rows);
      notes.forEach((n, i) => (n.time = times[i]!));
    }
    const program = track.isDrum ? -1 : track.program;
    if (c.useNoteDurationPrograms.includes(program)) {
      if (!this.noteOnOff && ticksPerBeat) this.adjustDurations(notes, ticksPerBeat);
      else if (factors) this.resampleDurations(notes, factors);
    }
    if (c.removeDuplicatedNotes) {
      notes.sort((a, b) => a.time - b.time || a.pitch - b.pitch || a.duration - b.duration || a.velocity - b.velocity);
      notes = notes.filter((n, i) => i === 0 || !(n.time === notes[i - 1]!.time && n.pitch === notes[i - 1]!.pitch));
    }
    track.notes = notes;
  }

  /** Durations rounded with the factor of their time-signature section (min 1 tick), then offsets spanning sections. */
  private resampleDurations(items: { time: number; duration: number }[], factors: [number, number][]): void {
    const rows = this.factorsToIdx(factors, items.map((n) => n.time));
    const durs = items.map((n) => n.duration);
    this.adjustTimeToTpb(durs, rows, 1);
    items.forEach((n, i) => (n.duration = durs[i]!));
    this.adjustOffsetSpanningAcrossTimeSig(items, rows);
  }

  private adjustOffsetSpanningAcrossTimeSig(items: { time: number; duration: number }[], rows: [number, number][]): void {
    const ends = items.map((n) => n.time + n.duration);
    let first = 0;
    for (let k = 0; k < rows.length - 1; k++) {
      const idxLast = rows[k]![0];
      const boundary = items[idxLast]?.time;
      if (boundary !== undefined) {
        for (let j = first; j < Math.min(idxLast, items.length); j++) {
          if (ends[j]! >= boundary) {
            let r = k;
            while (r < rows.length && !(rows[r]![0] >= items[j]!.time)) r++;
            if (r === rows.length) r = k;
            const factor = rows[r]![1];
            const newEnd = roundHalfEven(ends[j]! / factor) * factor;
            items[j]!.duration = newEnd - items[j]!.time;
          }
        }
      }
      first = idxLast;
    }
  }

  protected preprocessTempos(tempos: Tempo[], factors: [number, number][] | undefined): Tempo[] {
    const mspqOf = qpmToMspq;
    if (tempos.length === 0) return [{ time: 0, mspq: mspqOf(this.defaultTempo) }];
    const arr = this.temposMspq;
    const times = tempos.map((t) => t.time);
    const vals = tempos.map((t) => arr[closestIndex(arr, t.mspq)]!);
    if (factors) this.adjustTimeToTpb(times, factors);
    let out: { time: number; mspq: number }[] = times.map((time, i) => ({ time, mspq: vals[i]! }));
    out = out.filter((t, i) => i === out.length - 1 || out[i + 1]!.time !== t.time);
    if (this.config.deleteEqualSuccessiveTempoChanges) out = out.filter((t, i) => i === 0 || out[i - 1]!.mspq !== t.mspq);
    const result = out.map((t) => ({ time: t.time, mspq: Math.trunc(t.mspq) }));
    if (result.length > 0) {
      if (this.config.deleteEqualSuccessiveTempoChanges && 60_000_000 / result[0]!.mspq === this.defaultTempo) result[0]!.time = 0;
      else if (result[0]!.time !== 0) result.unshift({ time: 0, mspq: mspqOf(this.defaultTempo) });
    } else result.unshift({ time: 0, mspq: mspqOf(this.defaultTempo) });
    return result;
  }

  protected preprocessPitchBends(bends: PitchBend[], factors: [number, number][] | undefined): PitchBend[] {
    const pb = this.pitchBends;
    const times = bends.map((b) => b.time);
    const values = bends.map((b) => pb[closestIndex(pb, b.value)]!);
    if (factors) this.adjustTimeToTpb(times, factors);
    const out: PitchBend[] = [];
    let i = 0;
    while (i < times.length) {
      let j = i + 1;
      while (j < times.length && times[j] === times[i]) j++;
      let best = i;
      for (let k = i + 1; k < j; k++) if (Math.abs(values[k]!) > Math.abs(values[best]!)) best = k;
      out.push({ time: times[i]!, value: values[best]! });
      i = j;
    }
    return out;
  }

  protected preprocessPedals(pedals: Pedal[], factors: [number, number][] | undefined, ticksPerBeat: [number, number][] | undefined): Pedal[] {
    let ps = pedals.map((p) => ({ ...p }));
    if (factors) {
      const rows = this.factorsToIdx(factors, ps.map((p) => p.time));
      const times = ps.map((p) => p.time);
      this.adjustTimeToTpb(times, rows);
      ps.forEach((p, i) => (p.time = times[i]!));
    }
    const ends = ps.map((p) => p.time + p.duration);
    const overlap: number[] = [];
    for (let i = 0; i < ps.length - 1; i++) if (ends[i]! >= ps[i + 1]!.time) overlap.push(i);
    if (overlap.length > 0) {
      const firsts = overlap.filter((idx, k) => k === 0 || idx - overlap[k - 1]! > 1);
      const del = new Set<number>();
      for (const idx of firsts) {
        let ip = 1;
        while (idx + ip < ps.length && ends[idx]! >= ps[idx + ip]!.time) {
          ps[idx]!.duration = Math.max(ps[idx]!.duration, ends[idx + ip]! - ps[idx]!.time);
          ends[idx] = ps[idx]!.time + ps[idx]!.duration;
          del.add(idx + ip);
          ip++;
        }
      }
      ps = ps.filter((_, i) => !del.has(i));
    }
    if (this.config.sustainPedalDuration && ticksPerBeat) this.adjustDurations(ps, ticksPerBeat);
    else if (factors) this.resampleDurations(ps, factors);
    return ps;
  }

  // --------------------------------------------------------------------------------------------------- encoding

  /** MidiTok `encode(score)`: preprocesses a copy and tokenizes it. */
  encode(score: Score, options: { preprocess?: boolean; attributeControlsIndexes?: AttributeControlsIndexes } = {}): EncodeOutput {
    const s = options.preprocess === false ? score : this.preprocessScore(score);
    this.acIndexes = options.attributeControlsIndexes;
    let out: EncodeOutput;
    try {
      out = this.scoreToTokens(s);
    } finally {
      this.acIndexes = undefined;
    }
    const bars = getBarsTicks(s, true);
    const beats = getBeatsTicks(s, true);
    for (const seq of Array.isArray(out) ? out : [out]) {
      seq.ticksBars = bars;
      seq.ticksBeats = beats;
    }
    return out;
  }

  /** Attribute-control indexes of the encoding in progress. */
  private acIndexes: AttributeControlsIndexes | undefined;

  /** Encodes and also returns the preprocessed score (whose tracks match the streams). */
  encodeWithScore(score: Score, options: { attributeControlsIndexes?: AttributeControlsIndexes } = {}): { tokens: EncodeOutput; preprocessed: Score } {
    const preprocessed = this.preprocessScore(score);
    return { tokens: this.encode(preprocessed, { ...options, preprocess: false }), preprocessed };
  }

  protected ticksPerBeatForEvents(score: Score): [number, number][] | undefined {
    const c = this.config;
    if (!this.noteOnOff || (c.useSustainPedals && c.sustainPedalDuration) || c.useChords || c.usePitchIntervals) {
      return c.useTimeSignatures && score.timeSignatures.length > 0 ? scoreTicksPerBeat(score) : [[scoreEnd(score), this.timeDivision]];
    }
    return undefined;
  }

  protected scoreToTokens(score: Score): EncodeOutput {
    const c = this.config;
    const one = c.oneTokenStreamForPrograms;
    let all: Event[] = [];
    const perTrack: Event[][] = [];
    if (!one) {
      if (score.tracks.length === 0) perTrack.push([]);
      else for (let i = 0; i < score.tracks.length; i++) perTrack.push([]);
    }
    const globals = this.createGlobalEvents(score);
    if (one) all.push(...globals);
    else for (const l of perTrack) l.push(...globals);
    const tpb = this.ticksPerBeatForEvents(score);
    const barTicks = this.acIndexes && this.attributeControls.length > 0 ? getBarsTicks(score, true) : [];
    score.tracks.forEach((track, ti) => {
      const te = [...this.attributeControlEvents(track, score.tpq, barTicks, ti), ...this.createTrackEvents(track, tpb, score.tpq)];
      if (one) all.push(...te);
      else {
        perTrack[ti]!.push(...te);
        this.sortEvents(perTrack[ti]!);
      }
    });
    if (one) {
      this.sortEvents(all);
      if (c.programChanges) all = insertProgramChangeEvents(all);
      const events = this.addTimeEvents(all, score.tpq);
      return this.completeSequence(events);
    }
    if (score.tracks.length === 0 && perTrack[0]!.length > 2) this.sortEvents(perTrack[0]!);
    return perTrack.map((list, i) => {
      const events = this.addTimeEvents(list, score.tpq);
      if (c.programChanges && score.tracks.length > 0) {
        const tr = score.tracks[i]!;
        events.splice(events[0]?.type !== 'Track' ? 0 : 1, 0, ev('Program', tr.isDrum ? -1 : tr.program, 0));
      }
      return this.completeSequence(events);
    });
  }

  protected sortEvents(events: Event[]): void {
    sortEventsByTime(events);
    this.resetTrackAcTimes(events);
  }

  /** Track-level attribute-control events (time −1, sorted first) get time 0 after sorting, as upstream. */
  protected resetTrackAcTimes(events: Event[]): void {
    if (this.attributeControls.length === 0) return;
    for (const e of events) {
      if (!e.type.startsWith('ACTrack')) break;
      e.time = 0;
    }
  }

  /** Attribute-control events of a track (MidiTok computes them at the start of `_create_track_events`). */
  protected attributeControlEvents(track: Track, tpq: number, barTicks: readonly number[], trackIndex: number): Event[] {
    const idx = this.acIndexes?.get(trackIndex);
    if (!idx || track.notes.length === 0) return [];
    const out: Event[] = [];
    for (const [acIdx, bars] of idx) {
      const ac = this.attributeControls[acIdx];
      if (!ac) continue;
      if (ac.kind === 'bar' && (bars === true || bars.length === 0)) continue;
      out.push(...ac.compute(track, tpq, barTicks, bars === true ? [] : bars));
    }
    return out;
  }

  protected completeSequence(events: Event[]): TokSequence {
    const vocab = this.vocab as Map<string, number>;
    const tokens = events.map(eventToken);
    const ids = tokens.map((t) => {
      const id = vocab.get(t);
      if (id === undefined) throw new ConfigError('ERR_INVALID_OPTION', `Token '${t}' produced by ${this.tokenization} is not in its vocabulary`);
      return id;
    });
    return { tokens, ids, events };
  }

  /** Compound tokens (multi-vocab tokenizers): sub-token `i` is looked up in sub-vocabulary `i`. */
  protected completeCompoundSequence(tokens: string[][], events?: Event[][]): TokSequence<string[], number[]> {
    const vocabs = this.vocab as Map<string, number>[];
    const ids = tokens.map((cp) =>
      cp.map((t, i) => {
        const id = vocabs[i]?.get(t);
        if (id === undefined) throw new ConfigError('ERR_INVALID_OPTION', `Token '${t}' produced by ${this.tokenization} is not in its sub-vocabulary ${i}`);
        return id;
      }),
    );
    return events ? { tokens, ids, events } : { tokens, ids };
  }

  /** Token strings of compound ids (multi-vocab). */
  compoundIdsToTokens(ids: readonly (readonly number[])[]): string[][] {
    const invs = this.vocabInv as string[][];
    return ids.map((cp) =>
      cp.map((id, i) => {
        const t = invs[i]?.[id];
        if (t === undefined) throw new ConfigError('ERR_INVALID_OPTION', `Token id ${id} is out of sub-vocabulary ${i}`);
        return t;
      }),
    );
  }

  protected createGlobalEvents(score: Score): Event[] {
    const out: Event[] = [];
    if (this.config.useTimeSignatures) for (const t of score.timeSignatures) out.push(ev('TimeSig', `${t.numerator}/${t.denominator}`, t.time));
    if (this.config.useTempos) {
      for (const t of score.tempos) out.push(ev('Tempo', pyFloatRepr(pyRound(60_000_000 / t.mspq, 2)), t.time));
    }
    return out;
  }

  protected durationToken(duration: number, tpb: number): string {
    const tok = this.tpbTicksToTokens.get(tpb)?.get(duration);
    if (tok === undefined) throw new ConfigError('ERR_INVALID_OPTION', `No Duration token for ${duration} ticks at ${tpb} ticks/beat`);
    return tok;
  }

  protected createTrackEvents(track: Track, ticksPerBeat: [number, number][] | undefined, _tpq: number): Event[] {
    const c = this.config;
    const program = track.isDrum ? -1 : track.program;
    const useDurations = c.useNoteDurationPrograms.includes(program);
    const events: Event[] = [];
    const progTokens = c.usePrograms && !c.programChanges;
    let maxTimeInterval = 0;
    if (c.usePitchIntervals && ticksPerBeat) maxTimeInterval = Math.round(ticksPerBeat[0]![1] * c.pitchIntervalsMaxTimeDist);
    let previousNoteOnset = -maxTimeInterval - 1;
    let previousPitchOnset = -128;
    let previousPitchChord = -128;
    if (c.useSustainPedals) {
      let tpbIdx = 0;
      const pv = c.usePrograms ? program : 0;
      for (const p of track.pedals) {
        events.push(ev('Pedal', pv, p.time, program));
        if (c.sustainPedalDuration && ticksPerBeat) {
          while (p.time >= ticksPerBeat[tpbIdx]![0]) tpbIdx++;
          events.push(ev('Duration', this.durationToken(p.duration, ticksPerBeat[tpbIdx]![1]), p.time, program));
          events[events.length - 1]!.desc = -1;
        } else events.push(ev('PedalOff', pv, p.time + p.duration, program));
      }
    }
    if (c.usePitchBends) {
      for (const b of track.pitchBends) {
        if (progTokens) events.push(ev('Program', program, b.time, program));
        events.push(ev('PitchBend', b.value, b.time, program));
      }
    }
    if (c.useChords && !track.isDrum && ticksPerBeat) {
      const chords = detectChords(track.notes, ticksPerBeat, c.chordMaps, c.chordTokensWithRootNote, this.firstBeatRes, c.chordUnknown);
      for (const ch of chords) {
        if (progTokens) events.push(ev('Program', program, ch.time, program));
        events.push(ev('Chord', ch.value, ch.time, program));
      }
    }
    let tpbIdx = 0;
    const pitchName = c.usePitchdrumTokens && track.isDrum ? (this.noteOnOff ? 'DrumOn' : 'PitchDrum') : this.noteOnOff ? 'NoteOn' : 'Pitch';
    const offName = c.usePitchdrumTokens && track.isDrum ? 'DrumOff' : 'NoteOff';
    for (const note of track.notes) {
      const end = note.time + note.duration;
      if (progTokens) events.push(ev('Program', program, note.time, program, end));
      let addPitch = true;
      if (c.usePitchIntervals && !track.isDrum && ticksPerBeat) {
        if (note.time >= ticksPerBeat[tpbIdx]![0]) {
          tpbIdx++;
          maxTimeInterval = Math.round(ticksPerBeat[tpbIdx]![1] * c.pitchIntervalsMaxTimeDist);
        }
        if (note.time !== previousNoteOnset) {
          if (note.time - previousNoteOnset <= maxTimeInterval && Math.abs(note.pitch - previousPitchOnset) <= c.maxPitchInterval) {
            events.push(ev('PitchIntervalTime', note.pitch - previousPitchOnset, note.time, program, end));
            addPitch = false;
          }
          previousPitchOnset = previousPitchChord = note.pitch;
        } else {
          if (Math.abs(note.pitch - previousPitchChord) <= c.maxPitchInterval) {
            events.push(ev('PitchIntervalChord', note.pitch - previousPitchChord, note.time, program, end));
            addPitch = false;
          } else previousPitchOnset = note.pitch;
          previousPitchChord = note.pitch;
        }
        previousNoteOnset = note.time;
      }
      if (addPitch) events.push(ev(pitchName, note.pitch, note.time, program, end));
      if (c.useVelocities) events.push(ev('Velocity', note.velocity, note.time, program, note.velocity));
      if (useDurations) {
        if (this.noteOnOff) {
          if (progTokens) events.push(ev('Program', program, end, program, -2));
          events.push(ev(offName, note.pitch, end, program, end));
        } else if (ticksPerBeat) events.push(this.durationEvent(note, program, ticksPerBeat, tpbIdx));
      }
    }
    return events;
  }

  /** MidiTok `_create_duration_event`: the `Duration` of a note at its ticks-per-beat section. */
  protected durationEvent(note: Note, program: number, ticksPerBeat: [number, number][], tpbIdx: number): Event {
    let k = tpbIdx;
    while (note.time >= ticksPerBeat[k]![0]) k++;
    return ev('Duration', this.durationToken(note.duration, ticksPerBeat[k]![1]), note.time, program, note.duration);
  }

  /** Inserts the time tokens (tokenizer-specific). */
  protected abstract addTimeEvents(events: Event[], tpq: number): Event[];

  /** Greedy decomposition of a gap into TimeShift/Rest values (MidiTok `_time_ticks_to_tokens`). */
  protected timeTicksToTokens(duration: number, tpb: number, rest = false): [TimeTuple[], number[]] {
    const bins = (rest ? this.tpbToRestArray : this.tpbToTimeArray).get(tpb)!;
    const toks = rest ? this.rests : this.durations;
    const values: TimeTuple[] = [];
    const offsets: number[] = [];
    const min = bins[0]!;
    let d = duration;
    while (d >= min) {
      let idx = 0;
      for (let i = bins.length - 1; i >= 0; i--) {
        if (bins[i]! - d <= 0) {
          idx = i;
          break;
        }
      }
      values.push(toks[idx]!);
      offsets.push(bins[idx]!);
      d -= bins[idx]!;
    }
    return [values, offsets];
  }

  /**
   * Greedy `Rest` (`rest`) or `TimeShift` values from tick `from` towards `to` ({@link timeTicksToTokens}):
   * `emit(value, tick)` for each, at the tick it starts; returns the tick reached.
   */
  protected fillTime(from: number, to: number, tpb: number, rest: boolean, emit: (value: string, tick: number) => void): number {
    const [values, ticks] = this.timeTicksToTokens(to - from, tpb, rest);
    let tick = from;
    for (let k = 0; k < values.length; k++) {
      emit(timeTupleString(values[k]!), tick);
      tick += ticks[k]!;
    }
    return tick;
  }

  /**
   * `_add_time_events` of TSD and MIDILike (the same logic upstream): optional rests from the last note end, then
   * a greedy `TimeShift` decomposition of the gap. An event of `noteTypes` moves the last note end to its note's
   * end (`desc`), one of `endTypes` to its time.
   */
  protected addTimeShiftEvents(events: Event[], tpq: number, noteTypes: ReadonlySet<string>, endTypes: ReadonlySet<string>): Event[] {
    const out: Event[] = [];
    let previousTick = 0;
    let previousNoteEnd = 0;
    let tpb = ticksPerBeatOf(4, tpq);
    const pushTimes = (type: 'Rest' | 'TimeShift', gap: number): void => {
      previousTick = this.fillTime(previousTick, previousTick + gap, tpb, type === 'Rest', (value, tick) => out.push(ev(type, value, tick)));
    };
    for (const e of events) {
      if (e.time !== previousTick) {
        if (this.config.useRests && e.time - previousNoteEnd >= this.minRest(tpb)) {
          previousTick = previousNoteEnd;
          pushTimes('Rest', e.time - previousTick);
        }
        if (e.time !== previousTick) pushTimes('TimeShift', e.time - previousTick);
        previousTick = e.time;
      }
      if (e.type === 'TimeSig') tpb = ticksPerBeatOf(parseTimeSig(e.value)[1], tpq);
      out.push(e);
      if (noteTypes.has(e.type)) previousNoteEnd = Math.max(previousNoteEnd, e.desc);
      else if (endTypes.has(e.type)) previousNoteEnd = Math.max(previousNoteEnd, e.time);
    }
    return out;
  }

  // --------------------------------------------------------------------------------------------------- decoding

  /**
   * Token strings of ids (single-vocab). Ids encoded with a trained model (any id ≥ the base vocabulary size) are
   * decoded to base ids first, as MidiTok's `decode` does.
   */
  idsToTokens(ids: readonly number[]): string[] {
    const inv0 = this.vocabInv as string[];
    if (this.model && ids.some((id) => id >= inv0.length)) ids = this.decodeTokenIds(ids);
    const inv = this.vocabInv as string[];
    return ids.map((id) => {
      const t = inv[id];
      if (t === undefined) throw new ConfigError('ERR_INVALID_OPTION', `Token id ${id} is out of the vocabulary (size ${inv.length})`);
      return t;
    });
  }

  /** Token strings of each stream: `ids` is one stream with `oneTokenStreamForPrograms`, else one per track. */
  protected tokenStreams(ids: readonly number[] | readonly (readonly number[])[]): string[][] {
    return this.config.oneTokenStreamForPrograms ? [this.idsToTokens(ids as readonly number[])] : (ids as readonly (readonly number[])[]).map((s) => this.idsToTokens(s));
  }

  /** {@link tokenStreams} for compound tokens (multi-vocab). */
  protected compoundTokenStreams(ids: readonly number[] | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[]): string[][][] {
    return this.config.oneTokenStreamForPrograms
      ? [this.compoundIdsToTokens(ids as readonly (readonly number[])[])]
      : (ids as readonly (readonly (readonly number[])[])[]).map((s) => this.compoundIdsToTokens(s));
  }

  /**
   * Decodes token ids back to a score. Multi-stream tokenizers take one id list per track and the
   * `[program, isDrum]` of each stream.
   */
  decode(ids: readonly number[] | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[], programs?: readonly (readonly [number, boolean])[]): Score {
    const streams = this.isMultiVoc ? this.compoundTokenStreams(ids) : this.tokenStreams(ids as readonly number[] | readonly (readonly number[])[]);
    return this.finalizeDecodedScore(this.tokensToScore(streams, programs));
  }

  /**
   * MidiTok `_tokens_to_score` (tokenizer-specific): the token strings of each stream (compound tokens for
   * multi-vocab tokenizers) to a score at `timeDivision` ticks per quarter; `programs` as in {@link decode}.
   */
  abstract tokensToScore(seqs: readonly (readonly string[])[] | readonly (readonly (readonly string[])[])[], programs?: readonly (readonly [number, boolean])[]): Score;

  /** MidiTok's post-decoding step: pedal CCs, default tempo and time signature at tick 0. */
  protected finalizeDecodedScore(score: Score): Score {
    if (this.config.useSustainPedals) {
      for (const t of score.tracks) {
        for (const p of t.pedals) {
          t.controls.push({ time: p.time, number: 64, value: 127 });
          t.controls.push({ time: p.time + p.duration, number: 64, value: 0 });
        }
        if (t.pedals.length > 0) t.controls.sort((a, b) => a.time - b.time);
      }
    }
    if (score.tempos.length === 0 || score.tempos[0]!.time !== 0) score.tempos.unshift({ time: 0, mspq: qpmToMspq(this.defaultTempo) });
    if (score.timeSignatures.length === 0 || score.timeSignatures[0]!.time !== 0) score.timeSignatures.unshift({ time: 0, numerator: 4, denominator: 4 });
    return score;
  }
}

/** MidiTok `merge_same_program_tracks` (in place). */
export function mergeSameProgramTracks(tracks: Track[]): void {
  const progs = tracks.map((t) => (t.isDrum ? -1 : t.program));
  const unique = [...new Set(progs)].sort((a, b) => a - b);
  const groups = unique.map((p) => progs.flatMap((q, i) => (q === p ? [i] : []))).filter((g) => g.length >= 2);
  if (groups.length === 0) return;
  const del: number[] = [];
  for (const g of [...groups].reverse()) {
    const first = tracks[g[0]!]!;
    const rest = g.slice(1).map((i) => tracks[i]!);
    first.name += rest.map((t) => ` / ${t.name}`).join('');
    const notes: Note[] = [...first.notes];
    for (const t of rest) notes.push(...t.notes);
    notes.sort((a, b) => a.time - b.time || a.duration - b.duration || a.pitch - b.pitch || a.velocity - b.velocity);
    first.notes = notes;
    const pedals = [first, ...rest].flatMap((t) => t.pedals);
    pedals.sort((a, b) => a.time - b.time || a.duration - b.duration);
    first.pedals = pedals;
    const ccs = [first, ...rest].flatMap((t) => t.controls);
    ccs.sort((a, b) => a.time - b.time);
    first.controls = ccs;
    const pbs = [first, ...rest].flatMap((t) => t.pitchBends);
    pbs.sort((a, b) => a.time - b.time || a.value - b.value);
    first.pitchBends = pbs;
    del.push(...g.slice(1));
  }
  del.sort((a, b) => b - a);
  for (const i of del) tracks.splice(i, 1);
}

/** MidiTok `_insert_program_change_events`. */
export function insertProgramChangeEvents(events: Event[]): Event[] {
  let previousProgram: number | undefined;
  let previousType: string | undefined;
  const out: Event[] = [];
  for (const e of events) {
    if (
      e.program !== undefined &&
      e.program !== previousProgram &&
      !['Pedal', 'PedalOff', 'TimeSig', 'Tempo'].includes(e.type) &&
      !(e.type === 'Duration' && previousType === 'Pedal')
    ) {
      previousProgram = e.program;
      out.push(ev('Program', e.program, e.time));
    }
    previousType = e.type;
    out.push(e);
  }
  return out;
}

export { ticksPerBarOf, ticksPerBeatOf };
