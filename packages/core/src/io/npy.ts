import { FormatError } from '../errors.js';
import { assertShape, dtypeOf, shapeSize, type DType, type NdArray, type TypedArray } from '../array/nd-array.js';

/**
 * NumPy `.npy` reading and writing (format versions 1.0, 2.0 and 3.0 on read; 1.0 — or 2.0 when the header is
 * too long — on write). Supported element types: `<f4 <f8 <i1 <i2 <i4 <i8 |u1 <u2 <u4 |b1`, C order only.
 * Big-endian data and Fortran order are rejected with a `FormatError` naming the file.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DESCR_TO_DTYPE: Record<string, DType> = {
  '<f4': 'float32',
  '<f8': 'float64',
  '|i1': 'int8',
  '<i2': 'int16',
  '<i4': 'int32',
  '<i8': 'int64',
  '|u1': 'uint8',
  '<u2': 'uint16',
  '<u4': 'uint32',
  '|b1': 'bool',
};
const DTYPE_TO_DESCR: Record<DType, string> = Object.fromEntries(
  Object.entries(DESCR_TO_DTYPE).map(([k, v]) => [v, k]),
) as Record<DType, string>;
const ITEM_SIZE: Record<DType, number> = {
  float32: 4, float64: 8, int8: 1, int16: 2, int32: 4, int64: 8, uint8: 1, uint16: 2, uint32: 4, bool: 1,
};

/** Parses `.npy` bytes. `source` names the file in error messages. */
export function parseNpy(bytes: Uint8Array, source = '<buffer>'): NdArray {
  const fail = (msg: string): never => {
    throw new FormatError('ERR_NPY_FORMAT', `Invalid .npy file ${source}: ${msg}`, { details: { file: source } });
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('missing the \\x93NUMPY magic string');
  const major = bytes[6]!;
  const minor = bytes[7]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated header length');
    headerLen = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new FormatError('ERR_NPY_UNSUPPORTED', `Unsupported .npy format version ${major}.${minor} in ${source}`, { details: { file: source } });
  }
  if (headerStart + headerLen > bytes.length) fail(`header of ${headerLen} bytes runs past the end of the file (${bytes.length} bytes)`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail(`malformed header ${JSON.stringify(header.trim())}`);
  if (fortran === 'True') {
    throw new FormatError('ERR_NPY_UNSUPPORTED', `${source} is stored in Fortran order; only C order is supported (save with np.ascontiguousarray)`, { details: { file: source } });
  }
  const normDescr = descr!.replace(/^=/, '<').replace(/^\|(?=[fi][2-8])/, '<');
  const dtype = DESCR_TO_DTYPE[normDescr] ?? (normDescr === '<b1' ? 'bool' : normDescr === '<u1' ? 'uint8' : normDescr === '<i1' ? 'int8' : undefined);
  if (!dtype) {
    const why = descr!.startsWith('>') ? 'big-endian data is not supported (convert with arr.astype(arr.dtype.newbyteorder("<")))' : `dtype '${descr}' is not supported (supported: ${Object.keys(DESCR_TO_DTYPE).join(' ')})`;
    throw new FormatError('ERR_NPY_UNSUPPORTED', `${source}: ${why}`, { details: { file: source, descr } });
  }
  const shape = shapeText!.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map((s) => Number(s.replace(/L$/, '')));
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) fail(`invalid shape (${shapeText})`);
  const count = shapeSize(shape);
  const dataStart = headerStart + headerLen;
  const needed = count * ITEM_SIZE[dtype];
  if (bytes.length - dataStart < needed) {
    fail(`data is truncated: shape (${shape.join(', ')}) of ${descr} needs ${needed} bytes, but only ${bytes.length - dataStart} follow the header`);
  }
  // Copy into a fresh, aligned buffer that the array owns (transferable, independent of the input).
  // Uint8Array.prototype.slice: Node's Buffer#slice returns a view into a pooled buffer, whose .buffer is not ours.
  const owned = Uint8Array.prototype.slice.call(bytes, dataStart, dataStart + needed).buffer;
  const data = makeView(dtype, owned, count);
  return { data, shape, dtype } as NdArray;
}

function makeView(dtype: DType, buffer: ArrayBuffer, count: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(buffer, 0, count);
    case 'float64': return new Float64Array(buffer, 0, count);
    case 'int8': return new Int8Array(buffer, 0, count);
    case 'int16': return new Int16Array(buffer, 0, count);
    case 'int32': return new Int32Array(buffer, 0, count);
    case 'int64': return new BigInt64Array(buffer, 0, count);
    case 'uint8': case 'bool': return new Uint8Array(buffer, 0, count);
    case 'uint16': return new Uint16Array(buffer, 0, count);
    case 'uint32': return new Uint32Array(buffer, 0, count);
  }
}

/** Serialises an array to `.npy` bytes (format 1.0, or 2.0 if the header needs it). */
export function serializeNpy(array: NdArray | TypedArray): Uint8Array {
  const arr: NdArray = ArrayBuffer.isView(array) ? { data: array, shape: [array.length], dtype: dtypeOf(array) } : array;
  assertShape(arr.shape);
  if (shapeSize(arr.shape) !== arr.data.length) {
    throw new FormatError('ERR_SHAPE_MISMATCH', `Cannot write .npy: shape [${arr.shape.join(', ')}] does not match ${arr.data.length} elements`);
  }
  const descr = DTYPE_TO_DESCR[arr.dtype];
  if (!descr) throw new FormatError('ERR_NPY_UNSUPPORTED', `Cannot write dtype '${arr.dtype}' to .npy`);
  const shapeStr = arr.shape.length === 1 ? `(${arr.shape[0]},)` : `(${arr.shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeStr}, }`;
  let major = 1;
  let prefix = 10;
  const total = (p: number) => Math.ceil((p + dict.length + 1) / 64) * 64;
  if (total(prefix) - prefix > 0xffff) {
    major = 2;
    prefix = 12;
  }
  const padded = total(prefix);
  dict = dict + ' '.repeat(padded - prefix - dict.length - 1) + '\n';
  const payload = new Uint8Array(arr.data.buffer, arr.data.byteOffset, arr.data.byteLength);
  const out = new Uint8Array(padded + payload.byteLength);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  if (major === 1) dv.setUint16(8, dict.length, true);
  else dv.setUint32(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[prefix + i] = dict.charCodeAt(i);
  out.set(payload, padded);
  return out;
}
