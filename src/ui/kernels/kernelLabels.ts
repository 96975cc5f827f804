import { SERIES_COLORS } from '../charts/palette.ts';
import { KERNEL_IDS } from '../../core/kernels/types.ts';

export const KERNEL_LABELS: Record<string, string> = {
  dense: 'Exact, scores materialised',
  tiled: 'Exact, tiled (FlashAttention)',
  window: 'Sliding window (Longformer)',
  hierarchical: 'Hierarchical blocks (SMITH)',
  lowrank: 'Low rank (Linformer)',
  'random-features': 'Random features (Performer)',
};

/** A fixed colour per kernel, so a kernel keeps its colour whichever others are chosen. */
export function kernelColor(id: string): string {
  const index = (KERNEL_IDS as readonly string[]).indexOf(id);
  return SERIES_COLORS[index === -1 ? SERIES_COLORS.length - 1 : index]!;
}
