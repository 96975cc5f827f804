/** Average advance of a character of a 12 px semibold chart label, an estimate for fitting labels. */
const LABEL_CHAR_WIDTH = 7;
/** Height a 12 px label needs before the next one, in pixels. */
const LABEL_GAP = 13;

/**
 * Returns the baseline of each horizontal rule's label: just above its line,
 * or just below it when above would overlap a label already placed. Lines are
 * taken from the top, so close lines (80 GB and 40 GB on a small chart) get
 * their labels on either side instead of on top of each other.
 */
export function ruleLabelBaselines(lineYs: readonly number[]): number[] {
  const order = lineYs.map((_, i) => i).sort((a, b) => lineYs[a]! - lineYs[b]!);
  const placed: number[] = [];
  const baselines = new Array<number>(lineYs.length);
  for (const i of order) {
    const above = lineYs[i]! - 4;
    const below = lineYs[i]! + LABEL_GAP;
    const clear = (candidate: number) => placed.every((other) => Math.abs(other - candidate) >= LABEL_GAP);
    const chosen = clear(above) || !clear(below) ? above : below;
    placed.push(chosen);
    baselines[i] = chosen;
  }
  return baselines;
}

/** Returns the width to squeeze a label into when it would be wider than `available` pixels, else undefined. */
export function squeezedLength(label: string, available: number): number | undefined {
  return label.length * LABEL_CHAR_WIDTH > available ? Math.max(0, available) : undefined;
}
