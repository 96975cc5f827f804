/** Parses a plain decimal coordinate from 0 to size − 1, or returns undefined: no exponents, hex, signs or fractions. */
export function parseCoordinate(raw: string, size: number): number | undefined {
  const text = raw.trim();
  if (!/^\d{1,9}$/.test(text)) return undefined;
  const value = Number(text);
  return value < size ? value : undefined;
}
