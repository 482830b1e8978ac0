import { ConfigError, padSequences, type NdArray } from '@mirkit/core';

/** A sample: token ids (and optional labels / decoder inputs) under configurable keys; `null` ids are dropped. */
export type TokenSample = Record<string, Int32Array | readonly number[] | number | null | undefined>;

/** Options of {@link DataCollator}, MidiTok's `DataCollator` arguments. */
export interface DataCollatorOptions {
  padTokenId: number;
  padOnLeft?: boolean;
  copyInputsAsLabels?: boolean;
  shiftLabels?: boolean;
  labelsPadIdx?: number;
  inputsKey?: string;
  labelsKey?: string;
  decoderInputsKey?: string;
}

/** A collated batch: `[B, T]` int32 arrays (`input_ids`, `labels`, `attention_mask`, …). */
export type TokenBatch = Record<string, NdArray>;

function toArray(v: Int32Array | readonly number[] | number): Int32Array {
  if (typeof v === 'number') return Int32Array.of(v);
  return v instanceof Int32Array ? v : Int32Array.from(v);
}

function shift(a: NdArray, dropFirst: boolean): NdArray {
  const [b, t] = a.shape as [number, number];
  const out = new Int32Array(b * (t - 1));
  for (let i = 0; i < b; i++) out.set((a.data as Int32Array).subarray(i * t + (dropFirst ? 1 : 0), i * t + (dropFirst ? t : t - 1)), i * (t - 1));
  return { data: out, shape: [b, t - 1], dtype: 'int32' };
}

function maskOf(a: NdArray, pad: number): NdArray {
  const d = a.data as Int32Array;
  const m = new Int32Array(d.length);
  for (let i = 0; i < d.length; i++) m[i] = d[i] === pad ? 0 : 1;
  return { data: m, shape: [...a.shape], dtype: 'int32' };
}

/**
 * MidiTok's `DataCollator`: drops empty samples, optionally copies inputs (or decoder inputs) as labels, pads with
 * `padTokenId` (labels with `labelsPadIdx`, default −100) on the right or left, optionally shifts labels
 * (`inputs[:, :-1]`, `labels[:, 1:]`) and adds `attention_mask` (`inputs != pad`, int32). Ids are int32 (MidiTok's
 * torch tensors are int64 with the same values).
 */
export class DataCollator {
  readonly options: Required<DataCollatorOptions>;

  constructor(options: DataCollatorOptions) {
    if (!Number.isInteger(options.padTokenId)) throw new ConfigError('ERR_INVALID_OPTION', `padTokenId should be an integer, but got ${options.padTokenId}`);
    this.options = {
      padOnLeft: false,
      copyInputsAsLabels: false,
      shiftLabels: false,
      labelsPadIdx: -100,
      inputsKey: 'input_ids',
      labelsKey: 'labels',
      decoderInputsKey: 'decoder_input_ids',
      ...options,
    };
  }

  /** Collates samples into a batch (also usable as a core `Collator` via `collator.collate`). */
  collate = (samples: readonly TokenSample[]): TokenBatch => {
    const o = this.options;
    const kept = samples.filter((s) => {
      const v = s[o.inputsKey];
      return v !== null && v !== undefined && (typeof v === 'number' || v.length > 0);
    });
    const side = o.padOnLeft ? 'left' : 'right';
    const out: TokenBatch = {};
    const pad = (key: string, value: number): NdArray | undefined => {
      const seqs = kept.map((s) => s[key]).filter((v): v is Int32Array | readonly number[] | number => v !== null && v !== undefined);
      if (seqs.length === 0) return undefined;
      return padSequences(seqs.map(toArray), { padValue: value, side, path: key }).data;
    };
    const inputs = pad(o.inputsKey, o.padTokenId);
    if (!inputs) return out;
    let labels: NdArray | undefined;
    if (o.copyInputsAsLabels) {
      const hasDecoder = kept.some((s) => s[o.decoderInputsKey] !== undefined && s[o.decoderInputsKey] !== null);
      labels = pad(hasDecoder ? o.decoderInputsKey : o.inputsKey, o.labelsPadIdx);
    } else labels = pad(o.labelsKey, o.labelsPadIdx);
    const decoder = pad(o.decoderInputsKey, o.padTokenId);
    let x = inputs;
    let y = labels;
    if (o.shiftLabels && y && y.shape.length === 2) {
      x = shift(x, false);
      y = shift(y, true);
    }
    out[o.inputsKey] = x;
    if (y) out[o.labelsKey] = y;
    out.attention_mask = maskOf(x, o.padTokenId);
    if (decoder) {
      out[o.decoderInputsKey] = decoder;
      out.decoder_attention_mask = maskOf(decoder, o.padTokenId);
    }
    return out;
  };
}
