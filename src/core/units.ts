// Branded number types keep quantities of different units from being mixed up.
// Values are plain numbers at run time; the brand exists only for the type checker.

declare const unitBrand: unique symbol;
type Branded<Unit extends string> = number & { readonly [unitBrand]: Unit };

export type Bytes = Branded<'bytes'>;
export type Flops = Branded<'flops'>;
export type FlopsPerSecond = Branded<'flops/s'>;
export type Seconds = Branded<'seconds'>;
export type Tokens = Branded<'tokens'>;

export const bytes = (value: number): Bytes => value as Bytes;
export const flops = (value: number): Flops => value as Flops;
export const flopsPerSecond = (value: number): FlopsPerSecond => value as FlopsPerSecond;
export const seconds = (value: number): Seconds => value as Seconds;
export const tokens = (value: number): Tokens => value as Tokens;

export const KB = 1e3;
export const MB = 1e6;
export const GB = 1e9;
export const TB = 1e12;
export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;
export const TiB = 1024 ** 4;

/** How a memory figure is read: decimal (GB = 10^9 bytes) or binary (GiB = 2^30 bytes). */
export type MemoryUnit = 'GB' | 'GiB';

export function memoryUnitBytes(unit: MemoryUnit): number {
  return unit === 'GB' ? GB : GiB;
}

function formatScaled(value: number, units: readonly string[], base: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  const sign = value < 0 ? '-' : '';
  let magnitude = Math.abs(value);
  let index = 0;
  while (magnitude >= base && index < units.length - 1) {
    magnitude /= base;
    index += 1;
  }
  const text = index === 0 ? String(Math.round(magnitude)) : magnitude.toPrecision(digits);
  return `${sign}${text} ${units[index]}`;
}

/** Formats bytes with decimal prefixes (kB, MB, GB), or binary ones (KiB, MiB, GiB) when asked. */
export function formatBytes(value: number, unit: MemoryUnit = 'GB', digits = 4): string {
  return unit === 'GB'
    ? formatScaled(value, ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'], 1000, digits)
    : formatScaled(value, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'], 1024, digits);
}

export function formatFlops(value: number, digits = 4): string {
  return formatScaled(value, ['FLOP', 'kFLOP', 'MFLOP', 'GFLOP', 'TFLOP', 'PFLOP', 'EFLOP', 'ZFLOP', 'YFLOP'], 1000, digits);
}

export function formatFlopsPerSecond(value: number, digits = 4): string {
  return formatScaled(value, ['FLOP/s', 'kFLOP/s', 'MFLOP/s', 'GFLOP/s', 'TFLOP/s', 'PFLOP/s', 'EFLOP/s'], 1000, digits);
}

export function formatSeconds(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude === 0) return '0 s';
  if (magnitude < 1e-6) return `${(value * 1e9).toPrecision(digits)} ns`;
  if (magnitude < 1e-3) return `${(value * 1e6).toPrecision(digits)} µs`;
  if (magnitude < 1) return `${(value * 1e3).toPrecision(digits)} ms`;
  if (magnitude < 3600) return `${value.toPrecision(digits)} s`;
  if (magnitude < 86400 * 2) return `${(value / 3600).toPrecision(digits)} h`;
  return `${(value / 86400).toPrecision(digits)} days`;
}

/** Formats a token count compactly: 2048 as "2,048", 65536 as "65,536", 1.5e6 as "1.5M". */
export function formatTokens(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) < 1e6) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) < 1e9) return `${trimZeros((value / 1e6).toFixed(2))}M`;
  return `${trimZeros((value / 1e9).toFixed(2))}B`;
}

/** Formats an integer with thousands separators, as "114,195,320,320". */
export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Formats a parameter count as "6.05B" or "124M". */
export function formatParameterCount(value: number): string {
  if (value >= 1e12) return `${trimZeros((value / 1e12).toFixed(2))}T`;
  if (value >= 1e9) return `${trimZeros((value / 1e9).toFixed(2))}B`;
  if (value >= 1e6) return `${trimZeros((value / 1e6).toFixed(1))}M`;
  return formatInteger(value);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
