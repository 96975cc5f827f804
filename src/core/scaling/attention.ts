import type { AttentionSettings } from './settings.ts';

/**
 * Number of attention scores one head computes for a sequence of s tokens,
 * under each variant. The stored-memory and FLOP formulas scale from this.
 * Sources: Vaswani et al. 2017 (dense); Beltagy et al., arXiv 2004.05150
 * (sliding window w with g global tokens); Yang et al., arXiv 2004.12297
 * (hierarchical blocks); Wang et al., arXiv 2006.04768 (low rank k).
 */
export function scoresPerHead(attention: AttentionSettings, s: number): number {
  switch (attention.variant) {
    case 'materialised':
    case 'tiled':
      return s * s;
    case 'window': {
      // Ordinary queries see their window plus the global tokens; global queries see everything.
      const g = Math.min(attention.globalTokens, s);
      const keysPerQuery = Math.min(s, attention.window + g);
      return (s - g) * keysPerQuery + g * s;
    }
    case 'hierarchical': {
      if (attention.block >= s) return s * s;
      const blocks = Math.ceil(s / attention.block);
      // Token-level attention inside each block, then block summaries attend to each other.
      return s * attention.block + blocks * blocks;
    }
    case 'lowrank':
      return s * Math.min(attention.rank, s);
    case 'random-features':
      // Performer never forms scores; its cost is counted from its feature maps instead.
      return 0;
  }
}

/** Returns true when the variant computes exactly softmax(QKᵀ/√d)·V over every key. */
export function isExactAttention(attention: AttentionSettings): boolean {
  return attention.variant === 'materialised' || attention.variant === 'tiled';
}
