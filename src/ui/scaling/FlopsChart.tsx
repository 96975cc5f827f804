import { formatFlops, formatTokens } from '../../core/units.ts';
import { LogLogChart, type ChartSeries } from '../charts/LogLogChart.tsx';
import { OKABE_ITO } from '../charts/palette.ts';
import type { ScalingData } from './useScalingData.ts';

interface Props {
  data: ScalingData;
  /** Training steps (forward and backward) or inference (one forward pass over the prompt). */
  training: boolean;
  width: number;
  height: number;
  hoverSeq: number | null;
  /** Starting point of keyboard steps: the readout's current length. */
  cursorSeq: number;
  onHoverSeq: (seq: number | null) => void;
}

/** Training FLOPs per step by part against sequence length, with the attention share and the crossover. */
export function FlopsChart({ data, training, width, height, hoverSeq, cursorSeq, onHoverSeq }: Props) {
  const series: ChartSeries[] = [
    { key: 'dense', label: 'Dense layers', color: OKABE_ITO.blue, values: data.points.map((p) => p.flops.dense) },
    { key: 'attention', label: 'Attention', color: OKABE_ITO.vermillion, values: data.points.map((p) => p.flops.attention) },
    { key: 'logits', label: 'Output layer', color: OKABE_ITO.reddishPurple, values: data.points.map((p) => p.flops.logits) },
    { key: 'model', label: 'Model FLOPs (total)', color: 'var(--fg)', values: data.points.map((p) => p.flops.model), emphasis: true },
  ];
  if (training) series.push({ key: 'hardware', label: 'Hardware FLOPs (with recomputation)', color: OKABE_ITO.grey, values: data.points.map((p) => p.flops.hardware), dashed: true });
  const crossover = data.crossover;
  const description = `${training ? 'Training FLOPs per step' : 'Forward FLOPs per prompt'} for ${data.model.name}. ${
    crossover === null ? 'Attention never reaches the dense layers' : `Attention FLOPs equal the dense layers' at ${formatTokens(crossover)} tokens`
  }.`;
  return (
    <LogLogChart
      name="flops"
      title={training ? `FLOPs per training step, ${data.model.name}` : `FLOPs per forward pass over the prompt, ${data.model.name}`}
      xLabel="Sequence length (tokens)"
      yLabel={training ? 'FLOPs per step' : 'FLOPs per prompt'}
      xs={data.lengths}
      series={series}
      verticalRules={crossover === null ? [] : [{ key: 'crossover', label: `attention = dense at ${formatTokens(crossover)}`, value: crossover, color: OKABE_ITO.vermillion }]}
      secondary={{ label: 'Attention share', color: OKABE_ITO.orange, values: data.points.map((p) => p.flops.attentionShare) }}
      formatY={(value) => formatFlops(value, 3)}
      formatX={formatTokens}
      width={width}
      height={height}
      hoverX={hoverSeq}
      cursorX={cursorSeq}
      onHoverX={onHoverSeq}
      description={description}
      legend
    />
  );
}
