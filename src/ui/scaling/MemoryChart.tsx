import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { formatBytes, formatTokens } from '../../core/units.ts';
import { LogLogChart, type ChartMarker, type ChartRule, type ChartSeries } from '../charts/LogLogChart.tsx';
import { COMPONENT_COLORS, COMPONENT_LABELS, DEVICE_COLORS, STACK_ORDER } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

interface Props {
  data: ScalingData;
  stacked: boolean;
  width: number;
  height: number;
  hoverSeq: number | null;
  /** Starting point of keyboard steps: the readout's current length. */
  cursorSeq: number;
  onHoverSeq: (seq: number | null) => void;
}

export function deviceLabel(name: string): string {
  return name.replace(/ SXM2?| \(CS-\d\)| Tensor Core GPU/g, '');
}

/** Memory per device against sequence length, with capacity lines and longest-fit markers. */
export function MemoryChart({ data, stacked, width, height, hoverSeq, cursorSeq, onHoverSeq }: Props) {
  const present = STACK_ORDER.filter((key) => data.points.some((point) => point.memory[key] > 0));
  const series: ChartSeries[] = present.map((key) => ({
    key,
    label: COMPONENT_LABELS[key],
    color: COMPONENT_COLORS[key],
    values: data.points.map((point) => point.memory[key]),
    stacked,
  }));
  series.push({ key: 'total', label: 'Total', color: 'var(--fg)', values: data.points.map((point) => point.totalBytes), emphasis: true });
  const hasWafer = data.devices.some((device) => device.memoryMode === 'weight-streaming');
  if (hasWafer) {
    series.push({ key: 'on-wafer', label: 'On wafer under weight streaming', color: 'var(--fg)', values: data.onWafer, dashed: true });
  }

  const rules: ChartRule[] = data.devices.map((device, i) => ({
    key: device.id,
    label: `${deviceLabel(device.name)}: ${formatBytes(deviceCapacityBytes(device), device.memoryUnit, 3)}${device.memoryMode === 'weight-streaming' ? ' on-wafer' : ''}`,
    value: deviceCapacityBytes(device),
    color: DEVICE_COLORS[i % DEVICE_COLORS.length]!,
  }));
  const markers: ChartMarker[] = data.fits.flatMap(({ device, fit }, i) =>
    fit.maxSeq === null
      ? []
      : [{ key: device.id, x: fit.maxSeq, y: fit.capacityBytes, label: `${deviceLabel(device.name)}: ${formatTokens(fit.maxSeq)}`, color: DEVICE_COLORS[i % DEVICE_COLORS.length]! }],
  );

  const first = data.points[0];
  const last = data.points[data.points.length - 1];
  const description = first && last
    ? `Memory to ${data.points[0]!.memory.gradients > 0 ? 'train' : 'run'} ${data.model.name} from ${formatTokens(first.seq)} to ${formatTokens(last.seq)} tokens: ${formatBytes(first.totalBytes)} to ${formatBytes(last.totalBytes)}. ${data.fits
        .map(({ device, fit }) => `${device.name}: ${fit.maxSeq === null ? 'does not fit at any length' : `longest sequence ${formatTokens(fit.maxSeq)} tokens`}`)
        .join('. ')}.`
    : '';

  return (
    <LogLogChart
      name="memory"
      title={`Memory per device, ${data.model.name}`}
      xLabel="Sequence length (tokens)"
      yLabel="Memory (bytes, decimal units)"
      xs={data.lengths}
      series={series}
      horizontalRules={rules}
      markers={markers}
      formatY={(value) => formatBytes(value, 'GB', 3)}
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
