import type { AccuracyCurve } from './tally.ts';

/** A CSV of per-position accuracy that cannot be read; the message names the line and column. */
export class AccuracyCsvError extends Error {
  override readonly name = 'AccuracyCsvError';
}

/** Column names this reader accepts, each with the aliases it also takes (case-insensitive). */
const COLUMNS = {
  position: ['position_tokens', 'position'],
  top1: ['top1_fraction', 'top1'],
  top5: ['top5_fraction', 'top5'],
  series: ['series', 'label'],
  window: ['window_tokens', 'window'],
  loss: ['loss_nats', 'loss'],
  passages: ['passages', 'count'],
} as const;

/** The columns written by accuracyCurvesToRows and read back by parseAccuracyCsv. */
export const ACCURACY_CSV_COLUMNS = ['series', 'window_tokens', 'position_tokens', 'top1_fraction', 'top5_fraction', 'loss_nats', 'passages'];

/** The largest CSV accepted, in characters. */
export const MAX_ACCURACY_CSV_CHARS = 20_000_000;

/** Splits CSV text into rows of cells, honouring double quotes; lines starting with "#" are comments. */
export function splitCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    const lineNumber = index + 1;
    if (line.trim() === '' || line.startsWith('#')) continue;
    // A quoted cell may span lines: join until the quotes balance.
    while ((line.match(/"/g)?.length ?? 0) % 2 === 1 && index + 1 < lines.length) line += `\n${lines[++index]}`;
    rows.push({ line: lineNumber, cells: splitCsvLine(line) });
  }
  return rows;
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  return cells.map((cell) => cell.trim());
}

function findColumn(header: string[], names: readonly string[]): number {
  return header.findIndex((name) => names.includes(name.toLowerCase()));
}

/**
 * Reads per-position accuracy measured elsewhere. Required columns: position
 * (position_tokens) and at least one of top1 (top1_fraction) and top5
 * (top5_fraction), as fractions from 0 to 1. Optional: series (label) to hold
 * several curves in one file, window (window_tokens), loss (loss_nats) and
 * passages (count). Returns one curve per series in the order first seen.
 */
export function parseAccuracyCsv(text: string, defaultLabel = 'imported'): AccuracyCurve[] {
  if (text.length > MAX_ACCURACY_CSV_CHARS) {
    throw new AccuracyCsvError(`The CSV is ${text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_ACCURACY_CSV_CHARS.toLocaleString('en-US')}.`);
  }
  const rows = splitCsv(text);
  if (rows.length < 2) throw new AccuracyCsvError('The CSV needs a header line and at least one row, e.g. "position,top1,top5" then "1,0.05,0.15".');
  const header = rows[0]!.cells;
  const column = Object.fromEntries(Object.entries(COLUMNS).map(([key, names]) => [key, findColumn(header, names)])) as Record<keyof typeof COLUMNS, number>;
  if (column.position < 0) throw new AccuracyCsvError(`The CSV header (${header.join(', ')}) has no "position" column; name the column of context positions "position".`);
  if (column.top1 < 0 && column.top5 < 0) throw new AccuracyCsvError(`The CSV header (${header.join(', ')}) has neither a "top1" nor a "top5" column.`);

  const curves = new Map<string, AccuracyCurve>();
  for (const { line, cells } of rows.slice(1)) {
    const read = (key: keyof typeof COLUMNS, min: number, max: number, integer: boolean): number | null => {
      if (column[key] < 0) return null;
      const raw = cells[column[key]] ?? '';
      if (raw === '' && key !== 'position') return null;
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
        const kind = integer ? 'an integer' : 'a number';
        throw new AccuracyCsvError(`Line ${line}, column "${header[column[key]]}": ${JSON.stringify(raw)} is invalid; expected ${kind} from ${min} to ${max}.${key === 'top1' || key === 'top5' ? ' Write accuracy as a fraction (0.42, not 42).' : ''}`);
      }
      return value;
    };
    const label = column.series >= 0 && cells[column.series] ? cells[column.series]! : defaultLabel;
    let curve = curves.get(label);
    if (!curve) {
      curve = { label, window: null, positions: [], top1: [], top5: [], loss: [], passages: [] };
      curves.set(label, curve);
    }
    const position = read('position', 1, 10_000_000, true)!;
    if (curve.positions.length > 0 && position <= curve.positions[curve.positions.length - 1]!) {
      throw new AccuracyCsvError(`Line ${line}: position ${position} of series "${label}" is not greater than the one before; sort the rows by position.`);
    }
    curve.window = read('window', 1, 10_000_000, true) ?? curve.window;
    curve.positions.push(position);
    curve.top1.push(read('top1', 0, 1, false) ?? Number.NaN);
    curve.top5.push(read('top5', 0, 1, false) ?? Number.NaN);
    curve.loss.push(read('loss', 0, 1000, false));
    curve.passages.push(read('passages', 0, 1e12, true) ?? 0);
  }
  return [...curves.values()];
}

/** Rows for export in ACCURACY_CSV_COLUMNS order, one per curve and position. */
export function accuracyCurvesToRows(curves: readonly AccuracyCurve[]): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const curve of curves) {
    curve.positions.forEach((position, i) => {
      const loss = curve.loss[i];
      rows.push([curve.label, curve.window, position, finiteOrNull(curve.top1[i]), finiteOrNull(curve.top5[i]), loss ?? null, curve.passages[i] ?? null]);
    });
  }
  return rows;
}

function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}
