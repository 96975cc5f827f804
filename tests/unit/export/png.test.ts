import { describe, expect, it } from 'vitest';
import { addPngText, crc32, hasPngSignature, pngSize, readPngChunks, readPngText, textChunk } from '../../../src/ui/export/png.ts';
import { formatChartCsv, formatChartJson } from '../../../src/ui/export/tables.ts';

const ascii = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

/** Builds a PNG skeleton (signature, IHDR for width × height, IEND) built from the specification's layout. */
function skeletonPng(width: number, height: number): Uint8Array {
  const ihdrData = new Uint8Array(13);
  const view = new DataView(ihdrData.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdrData.set([8, 6, 0, 0, 0], 8);
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(ascii(type), 4);
    out.set(data, 8);
    v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdrData), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
}

describe('PNG text chunks', () => {
  it('CRC-32 matches the standard check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    // Every PNG ends with IEND and this CRC.
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
  });

  it('inserts text after IHDR and reads it back', () => {
    const png = skeletonPng(640, 360);
    const url = 'http://localhost:4183/?v=1&preset=gpt-j-figure';
    const tagged = addPngText(png, { URL: url, Software: 'seqscope' });
    expect(hasPngSignature(tagged)).toBe(true);
    expect(readPngChunks(tagged).map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'tEXt', 'IEND']);
    expect(readPngText(tagged)).toEqual({ URL: url, Software: 'seqscope' });
    expect(pngSize(tagged)).toEqual({ width: 640, height: 360 });
  });

  it('chunk CRC covers type and data', () => {
    const chunk = textChunk('URL', 'x');
    const crc = new DataView(chunk.buffer).getUint32(chunk.length - 4);
    expect(crc).toBe(crc32(chunk.subarray(4, chunk.length - 4)));
  });

  it('rejects invalid keywords and files', () => {
    expect(() => textChunk('', 'x')).toThrow(RangeError);
    expect(() => textChunk(' lead', 'x')).toThrow(RangeError);
    expect(() => readPngChunks(ascii('GIF89a'))).toThrow(/signature/);
    const truncated = skeletonPng(1, 1).subarray(0, 20);
    expect(() => readPngChunks(truncated)).toThrow(/beyond the end/);
  });
});

describe('chart tables', () => {
  const data = { columns: ['seq_tokens', 'total_bytes', 'note'], rows: [[2048, 1.5e11, 'a,b'], [4096, null, '#x']] };

  it('CSV starts with the scenario URL comment, then the header', () => {
    const lines = formatChartCsv(data, 'http://localhost/?v=1').split('\n');
    expect(lines[0]).toBe('# seqscope http://localhost/?v=1');
    expect(lines[1]).toBe('seq_tokens,total_bytes,note');
    expect(lines[2]).toBe('2048,150000000000,"a,b"');
    expect(lines[3]).toBe('4096,,"#x"');
  });

  it('JSON keeps the numbers and the source', () => {
    expect(JSON.parse(formatChartJson(data, 'u'))).toEqual({ source: 'u', columns: data.columns, rows: data.rows });
  });
});
