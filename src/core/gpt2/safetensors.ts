/**
 * A reader for the safetensors format: an 8-byte little-endian header length
 * n, then n bytes of JSON mapping each tensor name to its dtype, shape and
 * data_offsets [begin, end) relative to the end of the header, then the raw
 * little-endian data. An optional "__metadata__" entry holds strings only.
 */

/** A safetensors file that cannot be read, or whose contents do not match what is expected. */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

export const SAFETENSORS_DTYPES = ['F64', 'F32', 'F16', 'BF16', 'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL'] as const;
export type SafetensorsDtype = (typeof SAFETENSORS_DTYPES)[number];

const BYTES_PER_ELEMENT: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export interface TensorEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Byte offsets of the data, from the start of the file. */
  begin: number;
  end: number;
}

export interface SafetensorsIndex {
  tensors: Map<string, TensorEntry>;
  metadata: Record<string, string>;
  /** Bytes in the whole file: 8 + header + data. */
  totalBytes: number;
}

/** The largest header accepted; real checkpoints have headers of tens of kilobytes. */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * Reads the header of a safetensors file and checks that every tensor's data
 * lies inside the file, without gaps or overlaps. Throws SafetensorsError.
 */
export function readSafetensorsIndex(bytes: Uint8Array): SafetensorsIndex {
  if (bytes.byteLength < 8) {
    throw new SafetensorsError(`The file is ${bytes.byteLength} bytes long, too short for a safetensors header (8 bytes of length, then JSON). Choose a model.safetensors file.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = Number(view.getBigUint64(0, true));
  if (headerBytes < 2 || headerBytes > MAX_HEADER_BYTES || 8 + headerBytes > bytes.byteLength) {
    throw new SafetensorsError(`The header length field is ${headerBytes.toLocaleString('en-US')} bytes but the file holds ${bytes.byteLength.toLocaleString('en-US')} bytes; this is not a safetensors file, or it is truncated.`);
  }

  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerBytes)));
  } catch (error) {
    throw new SafetensorsError(`The safetensors header is not valid JSON (${(error as Error).message}); the file is damaged or not a safetensors file.`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('The safetensors header must be a JSON object mapping tensor names to {dtype, shape, data_offsets}.');
  }

  const dataStart = 8 + headerBytes;
  const dataBytes = bytes.byteLength - dataStart;
  const tensors = new Map<string, TensorEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = readMetadata(raw);
      continue;
    }
    tensors.set(name, readEntry(name, raw, dataStart, dataBytes));
  }
  checkLayout([...tensors.values()], dataStart, bytes.byteLength);
  return { tensors, metadata, totalBytes: bytes.byteLength };
}

function readMetadata(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SafetensorsError('The safetensors "__metadata__" entry must be an object of strings.');
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw new SafetensorsError(`The safetensors "__metadata__" entry "${key}" must be a string.`);
    result[key] = value;
  }
  return result;
}

function readEntry(name: string, raw: unknown, dataStart: number, dataBytes: number): TensorEntry {
  if (typeof raw !== 'object' || raw === null) throw new SafetensorsError(`Tensor "${name}": the header entry must be an object with dtype, shape and data_offsets.`);
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(SAFETENSORS_DTYPES as readonly string[]).includes(dtype)) {
    throw new SafetensorsError(`Tensor "${name}": dtype ${JSON.stringify(dtype)} is not a safetensors dtype (${SAFETENSORS_DTYPES.join(', ')}).`);
  }
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new SafetensorsError(`Tensor "${name}": shape ${JSON.stringify(shape)} must be a list of non-negative integers.`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((n) => Number.isSafeInteger(n) && n >= 0) || offsets[0] > offsets[1]) {
    throw new SafetensorsError(`Tensor "${name}": data_offsets ${JSON.stringify(offsets)} must be [begin, end] with 0 ≤ begin ≤ end.`);
  }
  const [begin, end] = offsets as [number, number];
  const elements = (shape as number[]).reduce((product, n) => product * n, 1);
  const expectedBytes = elements * BYTES_PER_ELEMENT[dtype as SafetensorsDtype];
  if (end - begin !== expectedBytes) {
    throw new SafetensorsError(`Tensor "${name}": shape [${shape.join(', ')}] of ${dtype} needs ${expectedBytes.toLocaleString('en-US')} bytes but data_offsets span ${(end - begin).toLocaleString('en-US')}.`);
  }
  if (end > dataBytes) {
    throw new SafetensorsError(`Tensor "${name}": its data ends at byte ${end.toLocaleString('en-US')} of the data section, which holds only ${dataBytes.toLocaleString('en-US')} bytes. The file is truncated; download it again.`);
  }
  return { name, dtype: dtype as SafetensorsDtype, shape: shape as number[], begin: dataStart + begin, end: dataStart + end };
}

function checkLayout(entries: TensorEntry[], dataStart: number, fileBytes: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = dataStart;
  for (const entry of sorted) {
    if (entry.begin < cursor) throw new SafetensorsError(`Tensor "${entry.name}" overlaps the tensor before it; the file is damaged.`);
    cursor = entry.end;
  }
  if (cursor !== fileBytes && sorted.length > 0) {
    throw new SafetensorsError(`The file has ${(fileBytes - cursor).toLocaleString('en-US')} bytes after its last tensor; it is damaged or not a safetensors file.`);
  }
}

/**
 * Returns a tensor's data as float32 values. F32 data aligned to 4 bytes is a
 * view into the file's buffer, not a copy; F16 and BF16 are widened.
 */
export function readTensorAsFloat32(bytes: Uint8Array, entry: TensorEntry): Float32Array {
  const count = (entry.end - entry.begin) / BYTES_PER_ELEMENT[entry.dtype];
  const start = bytes.byteOffset + entry.begin;
  const view = new DataView(bytes.buffer, start, entry.end - entry.begin);
  switch (entry.dtype) {
    case 'F32': {
      if (start % 4 === 0) return new Float32Array(bytes.buffer, start, count);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
      return out;
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(2 * i, true));
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(count);
      const widened = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) widened[i] = view.getUint16(2 * i, true) << 16;
      return out;
    }
    default:
      throw new SafetensorsError(`Tensor "${entry.name}" has dtype ${entry.dtype}; expected a floating-point dtype (F32, F16 or BF16).`);
  }
}

/** Converts an IEEE 754 binary16 bit pattern to a number. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}
