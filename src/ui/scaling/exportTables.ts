import type { ChartData } from '../export/index.ts';
import { STACK_ORDER } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

/** Builds the memory chart's table: one row per sequence length, units in the column names. */
export function memoryTable(data: ScalingData): ChartData {
  return {
    columns: ['seq_tokens', ...STACK_ORDER.map((key) => `${key}_bytes`), 'total_bytes', 'on_wafer_bytes'],
    rows: data.points.map((point, i) => [point.seq, ...STACK_ORDER.map((key) => point.memory[key]), point.totalBytes, data.onWafer[i] ?? null]),
  };
}

/** Builds the FLOPs chart's table: one row per sequence length. */
export function flopsTable(data: ScalingData): ChartData {
  return {
    columns: ['seq_tokens', 'dense_flops', 'attention_flops', 'logits_flops', 'model_flops', 'hardware_flops', 'attention_share_fraction'],
    rows: data.points.map((point) => [point.seq, point.flops.dense, point.flops.attention, point.flops.logits, point.flops.model, point.flops.hardware, point.flops.attentionShare]),
  };
}
