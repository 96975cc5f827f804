import type { FabricSummary } from '../../core/fabric/simulate.ts';
import { formatInteger, formatSeconds } from '../../core/units.ts';

/** Formats a ratio with thousands separators and one decimal below 1,000: "2.3×", "340,909×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'unbounded';
  if (ratio < 1) return `${(100 * ratio).toFixed(0)}% of`;
  const digits = ratio < 1000 ? 1 : 0;
  return `${ratio.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}×`;
}

/** Formats a token count, or states that no sequence fits; "at least" marks the search limit. */
export function maxSeqText(value: number | null, atLimit = false): string {
  if (value === null) return 'none: even one token does not fit';
  return `${atLimit ? 'at least ' : ''}${formatInteger(value)} tokens`;
}

/** The wafer's time per layer and tokens per second, marked as not achievable when a PE overflows. */
export function waferTimeText(summary: FabricSummary): string {
  const figures = `${formatSeconds(summary.wafer.total)} (${formatInteger(summary.waferTokensPerSecond)} tokens/s)`;
  if (summary.fits) return figures;
  const pes = summary.overflowPes === 1 ? '1 PE overflows' : `${formatInteger(summary.overflowPes)} PEs overflow`;
  return `does not fit: ${pes}; time shown if it did: ${figures}`;
}
