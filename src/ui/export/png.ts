// PNG chunk layout and CRC-32 follow the PNG specification (W3C, Portable
// Network Graphics, third edition, sections 5.3 and 11.3.4.3).

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

let crcTable: Uint32Array | undefined;

function crcTableOnce(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (ISO 3309 polynomial) of the bytes, as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  const table = crcTableOnce();
  let c = 0xffffffff;
  for (const byte of bytes) c = table[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function hasPngSignature(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((value, i) => bytes[i] === value);
}

/** Encodes text as Latin-1, the only encoding a tEXt chunk allows; other characters become "?". */
function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i] = code > 0 && code <= 0xff ? code : 0x3f;
  }
  return out;
}

/**
 * Builds a tEXt chunk. The keyword is 1 to 79 printable Latin-1 characters;
 * the text should be ASCII (a URL with percent-encoding is).
 */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword.startsWith(' ') || keyword.endsWith(' ')) {
    throw new RangeError(`PNG tEXt keyword ${JSON.stringify(keyword)} is invalid; expected 1 to 79 printable characters without leading or trailing spaces.`);
  }
  const data = new Uint8Array([...latin1(keyword), 0, ...latin1(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(latin1('tEXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

export interface PngChunk {
  type: string;
  data: Uint8Array;
}

/** Splits a PNG file into its chunks, checking the signature and each chunk's bounds. */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!hasPngSignature(bytes)) throw new RangeError('Not a PNG file: the 8-byte signature is missing.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    if (offset + 12 + length > bytes.length) throw new RangeError(`PNG chunk at byte ${offset} claims ${length} bytes beyond the end of the file.`);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

/** Width and height in pixels from the IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const header = readPngChunks(bytes)[0];
  if (!header || header.type !== 'IHDR' || header.data.length < 8) throw new RangeError('PNG file has no IHDR chunk first.');
  const view = new DataView(header.data.buffer, header.data.byteOffset, 8);
  return { width: view.getUint32(0), height: view.getUint32(4) };
}

/** Keyword and text of every tEXt chunk. */
export function readPngText(bytes: Uint8Array): Record<string, string> {
  const result: Record<string, string> = {};
  for (const chunk of readPngChunks(bytes)) {
    if (chunk.type !== 'tEXt') continue;
    const split = chunk.data.indexOf(0);
    if (split < 0) continue;
    result[String.fromCharCode(...chunk.data.subarray(0, split))] = String.fromCharCode(...chunk.data.subarray(split + 1));
  }
  return result;
}

/** Returns a copy of the PNG with tEXt chunks inserted right after IHDR. */
export function addPngText(bytes: Uint8Array, entries: Record<string, string>): Uint8Array {
  const chunks = readPngChunks(bytes);
  if (chunks[0]?.type !== 'IHDR') throw new RangeError('PNG file has no IHDR chunk first.');
  const afterHeader = PNG_SIGNATURE.length + 12 + chunks[0].data.length;
  const inserted = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  const extra = inserted.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(bytes.length + extra);
  out.set(bytes.subarray(0, afterHeader), 0);
  let offset = afterHeader;
  for (const chunk of inserted) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  out.set(bytes.subarray(afterHeader), offset);
  return out;
}
