/**
 * Splits `total` items over `parts` slots as evenly as integers allow: every
 * slot gets floor(total / parts), and the first total mod parts slots get one
 * more. The shares sum to total exactly.
 */
export function shareOf(total: number, parts: number, index: number): number {
  const base = Math.floor(total / parts);
  return index < total % parts ? base + 1 : base;
}

/** Returns the shares of every slot, as shareOf gives them. */
export function shares(total: number, parts: number): Int32Array {
  const result = new Int32Array(parts);
  for (let i = 0; i < parts; i += 1) result[i] = shareOf(total, parts, i);
  return result;
}

/** Returns the largest share any slot gets: ceil(total / parts). */
export function largestShare(total: number, parts: number): number {
  return Math.ceil(total / parts);
}

/**
 * Layout of a scenario on the usable PEs: tokens (b·s) along rows,
 * features (h) along columns, and for attention scores the s keys along
 * columns. A PE with no tokens or no features is idle.
 */
export interface Placement {
  tokens: number;
  features: number;
  keys: number;
  /** Tokens of each usable row. */
  rowTokens: Int32Array;
  /** Features of each usable column. */
  columnFeatures: Int32Array;
  /** Keys of each usable column. */
  columnKeys: Int32Array;
}

export function placeActivations(tokens: number, features: number, keys: number, usableColumns: number, usableRows: number): Placement {
  return {
    tokens,
    features,
    keys,
    rowTokens: shares(tokens, usableRows),
    columnFeatures: shares(features, usableColumns),
    columnKeys: shares(keys, usableColumns),
  };
}
