import type { Collator } from './collator.js';
import type { NdArray } from '../array/nd-array.js';
import { ConfigError } from '../errors.js';
import { collateError, defaultCollate } from './collate.js';
import { isSequence, padSequences, type PadSequencesOptions, type Sequence } from './pad-sequences.js';
import { show } from './validate.js';

/**
 * A batch from {@link padCollate} / {@link fixedLengthCollate}: the other fields collated as usual, each padded
 * field as an NdArray `[B, …]`, plus `lengths` and `attentionMask`:
 *
 * - **one padded field** → `lengths: Int32Array` (`[B]`) and `attentionMask: NdArray<'uint8'>` (`[B, T]`);
 * - **several padded fields** → `lengths: { [field]: Int32Array }` and `attentionMask: { [field]: NdArray }`;
 * - items that are arrays themselves (not objects) → `{ data, lengths, attentionMask }`.
 */
export interface PaddedBatch {
  [field: string]: unknown;
  lengths?: Int32Array | Record<string, Int32Array>;
  attentionMask?: NdArray<'uint8'> | Record<string, NdArray<'uint8'>>;
}

export interface PadCollateOptions {
  /** Axis of each item's arrays to pad along; negative counts from the end (default 0). */
  axis?: number;
  /** Value for padded positions (default 0). */
  padValue?: number | bigint;
  /** `'right'` (default) or `'left'` padding. */
  side?: 'right' | 'left';
  /**
   * Top-level fields to pad. Default: every top-level array field (typed array, NdArray or `number[]`) whose
   * length along `axis` differs within the batch — so a batch whose items happen to have equal lengths gets no
   * `lengths`/`attentionMask`. Name the fields to get the same batch structure every time.
   */
  fields?: readonly string[];
  /** Collates the remaining fields (default {@link defaultCollate}). */
  collate?: Collator<Record<string, unknown>, Record<string, unknown>>;
}

export interface FixedLengthCollateOptions extends Omit<PadCollateOptions, 'fields'> {
  /** Every padded field is padded or truncated to exactly this many steps along `axis`. */
  length: number;
  /** `'end'` keeps the first `length` steps (default), `'start'` keeps the last `length`. */
  truncate?: 'end' | 'start';
  /** Fields to pad/truncate. Default: the item's only array field (several array fields → name them here). */
  fields?: readonly string[];
}

const RESERVED = ['lengths', 'attentionMask'];

function lengthAlong(value: Sequence, axis: number): number | undefined {
  if (Array.isArray(value)) return axis === 0 || axis === -1 ? value.length : undefined;
  const shape = 'shape' in value && Array.isArray(value.shape) ? value.shape : [(value as { length: number }).length];
  return shape.at(axis);
}

function padBatch(samples: readonly unknown[], fieldsOption: readonly string[] | undefined, pad: PadSequencesOptions, rest: Collator<Record<string, unknown>, Record<string, unknown>>, chooseDefault: (candidates: string[], objects: readonly Record<string, unknown>[]) => string[]): PaddedBatch {
  if (samples.length === 0) collateError('', undefined, 'the batch is empty');
  if (isSequence(samples[0])) {
    samples.forEach((s, i) => {
      if (!isSequence(s)) collateError('', i, `it is ${show(s)} but sample 0 is an array`);
    });
    const { data, lengths, attentionMask } = padSequences(samples as Sequence[], pad);
    return { data, lengths, attentionMask };
  }
  const objects = samples.map((s, i) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) collateError('', i, `expected an object (or an array) per item, but got ${show(s)}`);
    return s as Record<string, unknown>;
  });
  const first = objects[0]!;
  let fields: string[];
  if (fieldsOption) {
    fields = [...fieldsOption];
    for (const f of fields) {
      objects.forEach((o, i) => {
        if (!isSequence(o[f])) collateError(f, i, Object.hasOwn(o, f) ? `field to pad is not a typed array, NdArray or number[]` : 'field to pad is missing');
      });
    }
  } else {
    fields = chooseDefault(Object.keys(first).filter((k) => isSequence(first[k])), objects);
  }
  for (const f of fields) {
    if (RESERVED.includes(f)) {
      throw new ConfigError('ERR_INVALID_OPTION', `Cannot pad field '${f}': its name is used for the padding outputs (${RESERVED.join(', ')}); rename it`);
    }
  }
  if (fields.length > 0) {
    for (const r of RESERVED) {
      if (Object.hasOwn(first, r)) throw new ConfigError('ERR_INVALID_OPTION', `Items already have a field '${r}', which padding would overwrite; rename it`);
    }
  }
  const padded = new Map(fields.map((f) => [f, padSequences(objects.map((o) => o[f] as Sequence), { ...pad, path: f })]));
  const remaining = objects.map((o) => {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (!padded.has(k)) copy[k] = v;
    return copy;
  });
  const out: PaddedBatch = Object.keys(remaining[0]!).length > 0 ? { ...rest(remaining) } : {};
  for (const [f, p] of padded) out[f] = p.data;
  if (padded.size === 1) {
    const p = padded.values().next().value!;
    out.lengths = p.lengths;
    out.attentionMask = p.attentionMask;
  } else if (padded.size > 1) {
    out.lengths = Object.fromEntries([...padded].map(([f, p]) => [f, p.lengths]));
    out.attentionMask = Object.fromEntries([...padded].map(([f, p]) => [f, p.attentionMask]));
  }
  return out;
}

/**
 * Collates items of different lengths by padding each padded field to the batch maximum along `axis`
 * (`side: 'right' | 'left'`, `padValue`), and reports `lengths` (valid steps per item) and `attentionMask`
 * (`uint8 [B, maxLen]`, 1 = valid, 0 = pad) — see {@link PaddedBatch} for the output naming. Fields that are not
 * padded go through `collate` (default {@link defaultCollate}). All typed arrays in the output are fresh.
 */
export function padCollate<T = unknown>(options: PadCollateOptions = {}): Collator<T, PaddedBatch> {
  const { axis = 0, padValue = 0, side = 'right', fields, collate = defaultCollate } = options;
  const pad: PadSequencesOptions = { axis, padValue, side };
  return (samples) =>
    padBatch(samples, fields, pad, collate, (candidates, objects) =>
      candidates.filter((f) => {
        const ls = objects.map((o) => (isSequence(o[f]) ? lengthAlong(o[f], axis) : undefined));
        return ls.some((l) => l !== ls[0]);
      }),
    );
}

/**
 * Like {@link padCollate}, but every padded field is padded **or truncated** to exactly `length` steps
 * (`truncate: 'end'` keeps the first steps, `'start'` the last). `lengths` are the kept lengths
 * (`min(itemLength, length)`) and `attentionMask` is `[B, length]`.
 */
export function fixedLengthCollate<T = unknown>(options: FixedLengthCollateOptions): Collator<T, PaddedBatch> {
  const { length, axis = 0, padValue = 0, side = 'right', truncate = 'end', fields, collate = defaultCollate } = options;
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length <= 0) {
    throw new ConfigError('ERR_INVALID_OPTION', `length should be a positive integer, but got ${show(length)}`);
  }
  const pad: PadSequencesOptions = { axis, padValue, side, truncate, length };
  return (samples) =>
    padBatch(samples, fields, pad, collate, (candidates) => {
      if (candidates.length > 1) {
        throw new ConfigError(
          'ERR_INVALID_OPTION',
          `fixedLengthCollate: items have several array fields (${candidates.join(', ')}); pass fields: [...] to say which to pad or truncate`,
        );
      }
      return candidates;
    });
}
