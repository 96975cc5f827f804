import { ValidationError } from '../../core/errors.ts';
import { fabricRunInput } from '../../core/fabric/input.ts';
import { FABRIC_IDS, FABRIC_PRESETS, type FabricParameters } from '../../core/fabric/presets.ts';
import { fabricParameterKey, GPU_PARALLELISMS } from '../../core/fabric/scenario.ts';
import { simulateFabric, type FabricSummary } from '../../core/fabric/simulate.ts';
import { WAFER_RESOURCE_LABELS } from '../../core/fabric/waferTiming.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { applyScenarioField } from '../../core/scenario/url.ts';
import { formatBytes, formatSeconds } from '../../core/units.ts';
import { CliError, formatHelp, parseOptions, writeJson, type CliCommand, type OptionSpecs } from '../args.ts';
import { SCALING_OPTION_SPECS, scenarioFromOptions } from '../scalingOptions.ts';

const { devices: _devices, csv: _csv, 'device-edit': _deviceEdit, 'compute-device': _computeDevice, inference: _inference, 'weight-bytes': _weightBytes, tp: _tp, sp: _sp, 'no-logits': _noLogits, ...SHARED } = SCALING_OPTION_SPECS;

/** Option name, the fabric parameter it sets and its help; values are in the URL's units. */
const PARAMETER_OPTIONS: [string, keyof FabricParameters, string][] = [
  ['columns', 'columns', 'Fabric columns W, reserved ones included.'],
  ['rows', 'rows', 'Fabric rows H, reserved ones included.'],
  ['reserved-west', 'reservedWest', 'Columns reserved for I/O on the west edge.'],
  ['reserved-east', 'reservedEast', 'Columns reserved for I/O on the east edge.'],
  ['reserved-north', 'reservedNorth', 'Rows reserved on the north edge.'],
  ['reserved-south', 'reservedSouth', 'Rows reserved on the south edge.'],
  ['sram', 'sramBytes', 'SRAM per PE, in bytes.'],
  ['reserve', 'reserveBytes', 'Code, stack and runtime reserve per PE, in bytes.'],
  ['weight-tile', 'weightTileBytes', 'One buffer of the streamed weight tile per PE, in bytes (double-buffered).'],
  ['clock-ghz', 'clockHz', 'Clock, in GHz.'],
  ['flops-per-cycle', 'flopsPerCycle', 'fp16 FLOPs per PE per cycle.'],
  ['link-bytes', 'linkBytesPerCycle', 'Bytes per router link per cycle, one direction.'],
  ['cycles-per-hop', 'cyclesPerHop', 'Cycles per router hop.'],
  ['weight-bandwidth', 'weightBandwidth', 'Off-wafer weight bandwidth, in GB/s.'],
];

/** Other fabric options and their URL keys. */
const VALUE_OPTIONS: [string, string, string][] = [
  ['seq', 'fab.s', 'Sequence length s to place (required).'],
  ['fabric', 'fab.id', `Fabric preset (${FABRIC_IDS.join(', ')}); custom starts from WSE-2's figures.`],
  ['tile-keys', 'fab.tk', 'Keys per tile under tiled exact attention.'],
  ['source', 'fab.src', 'Where broadcasts enter: west, or a PE as x,y in usable coordinates.'],
  ['gpus', 'fab.gpus', 'GPUs in the comparison cluster.'],
  ['parallelism', 'fab.par', `GPU cluster parallelism: ${GPU_PARALLELISMS.join(', ')}.`],
  ['latency-us', 'fab.alpha', 'Per-message latency between GPUs, in µs.'],
  ['gpu-link', 'fab.gbw', 'Per-GPU link bandwidth, in GB/s.'],
  ['gpu-device', 'fab.gdev', 'GPU preset whose peak gives the cluster compute, e.g. a100-80gb.'],
];

/** Placeholders shown in --help for options whose value is not a number. */
const VALUE_NAMES: Record<string, string> = { source: 'X,Y', fabric: 'ID', 'gpu-device': 'ID', parallelism: 'MODE' };

const SPECS: OptionSpecs = {
  ...Object.fromEntries(VALUE_OPTIONS.map(([name, , help]) => [name, { type: 'string' as const, valueName: VALUE_NAMES[name] ?? 'N', help }])),
  ...Object.fromEntries(PARAMETER_OPTIONS.map(([name, , help]) => [name, { type: 'string' as const, valueName: 'N', help }])),
  'no-working-set': { type: 'boolean', help: 'Leave out the tiled-attention working set, as the analytic fit does.' },
  ...SHARED,
};

const USAGE = 'npm run --silent cli -- fabric --model ID --seq N --fabric ID [options] [--json]';
const SUMMARY = 'Simulates one training step on a wafer-scale fabric: per-PE memory, overflow and time per layer beside a GPU cluster.';

function applyFabricOptions(scenario: Scenario, values: Record<string, string | boolean | undefined>): Scenario {
  let result = scenario;
  const apply = (option: string, key: string, raw: string) => {
    try {
      result = applyScenarioField(result, key, raw);
    } catch (error) {
      if (error instanceof ValidationError) throw new CliError(`--${option}: ${error.message.replace(/^[^:]+: /, '')}`);
      throw error;
    }
  };
  for (const [option, key] of VALUE_OPTIONS) {
    const value = values[option];
    if (typeof value === 'string') apply(option, key, value);
  }
  for (const [option, name] of PARAMETER_OPTIONS) {
    const value = values[option];
    if (typeof value === 'string') apply(option, fabricParameterKey(name), value);
  }
  if (values['no-working-set']) apply('no-working-set', 'fab.ws', '0');
  return result;
}

/** Shapes the summary as the command prints it with --json. */
export function summaryJson(summary: FabricSummary) {
  const { wafer, gpu, ...rest } = summary;
  return {
    ...rest,
    waferSecondsPerLayer: { forward: wafer.forward, backward: wafer.backward, total: wafer.total, idealCompute: wafer.idealCompute },
    gpuSecondsPerLayer: { forward: gpu.forward, backward: gpu.backward, total: gpu.total, communicationShare: gpu.communicationShare },
  };
}

function writeText(summary: FabricSummary, modelName: string, fabricName: string): void {
  const lines = [
    `${modelName} on ${fabricName}, s = ${summary.seq.toLocaleString('en-US')}, b = ${summary.batch}: ${summary.usablePes.toLocaleString('en-US')} usable PEs.`,
    `Overflowing PEs: ${summary.overflowPes.toLocaleString('en-US')}. Peak ${formatBytes(summary.peakBytesPerPe, 'GiB')} per PE of ${formatBytes(summary.sramBytes, 'GiB')}; mean ${formatBytes(summary.meanBytesPerPe, 'GiB')}.`,
    `Stored activations and scores: ${formatBytes(summary.storedActivationBytes)}.`,
    `Longest sequence with no overflow: ${summary.maxSeqNoOverflow === null ? 'none, because one token already overflows a PE' : summary.maxSeqNoOverflow.toLocaleString('en-US')} (analytic fit against ${formatBytes(summary.analyticCapacityBytes)}: ${summary.analyticMaxSeq?.toLocaleString('en-US') ?? 'none'}).`,
  ];
  if (!summary.fits) {
    lines.push(`The wafer does not fit this run: ${summary.overflowPes.toLocaleString('en-US')} PEs overflow. Its times below are what the run would take if it fitted, not a valid comparison.`);
  }
  for (const phase of ['forward', 'backward'] as const) {
    const w = summary.wafer[phase];
    const g = summary.gpu[phase];
    lines.push(`${phase} per layer: wafer ${formatSeconds(w.total)}${summary.fits ? '' : ' if it fitted'} (stream ${formatSeconds(w.weightStream)}, compute ${formatSeconds(w.compute)}, fabric ${formatSeconds(w.fabric)}; bound by ${WAFER_RESOURCE_LABELS[w.bound]}); GPU cluster ${formatSeconds(g.total)} (compute ${formatSeconds(g.compute)}, communication ${formatSeconds(g.communication)}).`);
  }
  lines.push(`Simulated in ${summary.simulateMs.toFixed(1)} ms.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const fabricCommand: CliCommand = {
  name: 'fabric',
  summary: 'Simulate one training step on a wafer-scale fabric beside a GPU cluster.',
  async run(argv) {
    const values = parseOptions(argv, SPECS, 'fabric');
    if (values.help) {
      process.stdout.write(formatHelp(USAGE, SUMMARY, SPECS));
      return 0;
    }
    if (typeof values.seq !== 'string') throw new CliError('--seq is required: the sequence length to place, e.g. --seq 2048.');
    if (typeof values.fabric !== 'string') throw new CliError(`--fabric is required: one of ${FABRIC_IDS.join(', ')}.`);
    const { scenario: scaled, model } = scenarioFromOptions(values);
    const scenario = applyFabricOptions(scaled, values);
    let input;
    try {
      input = fabricRunInput(scenario);
    } catch (error) {
      if (error instanceof ValidationError) throw new CliError(error.message);
      throw error;
    }
    const { summary } = simulateFabric(input);
    if (values.json) writeJson(summaryJson(summary));
    else writeText(summary, model.name, FABRIC_PRESETS.find((preset) => preset.id === scenario.fabric.fabricId)?.name ?? 'a custom fabric');
    return 0;
  },
};
