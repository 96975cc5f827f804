import { attentionCrossover, countParameters, flopsPerToken, stepFlops, stepSeconds } from '../../core/scaling/index.ts';
import { resolveDevice } from '../../core/scenario/resolve.ts';
import { scenarioQuery } from '../../core/scenario/url.ts';
import { formatFlops, formatSeconds } from '../../core/units.ts';
import { formatHelp, parseOptions, writeJson, type CliCommand, type OptionSpecs } from '../args.ts';
import { formatCsv } from '../csv.ts';
import { parseSequenceList, SCALING_OPTION_SPECS, scenarioFromOptions } from '../scalingOptions.ts';

const { devices: _devices, ...SHARED } = SCALING_OPTION_SPECS;
const SPECS: OptionSpecs = {
  seq: { type: 'string', valueName: 'LIST', help: 'Comma-separated sequence lengths, in tokens (required).' },
  ...SHARED,
};

const USAGE = 'npm run --silent cli -- flops --model ID --seq LIST [options] [--json | --csv]';
const SUMMARY = 'Model and hardware FLOPs per training step, the attention share, and time per step.';

export const flopsCommand: CliCommand = {
  name: 'flops',
  summary: SUMMARY,
  async run(argv) {
    const values = parseOptions(argv, SPECS, 'flops');
    if (values.help) {
      process.stdout.write(formatHelp(USAGE, SUMMARY, SPECS));
      return 0;
    }
    const lengths = parseSequenceList(values.seq);
    const { scenario, model } = scenarioFromOptions(values);
    const settings = scenario.scaling;
    const device = resolveDevice(settings.computeDevice, settings)!;
    const parameters = countParameters(model).total;
    const devicesPerStep = settings.tensorParallel;
    const rows = lengths.map((seq) => {
      const flops = stepFlops(model, settings, seq);
      return {
        seq,
        modelFlops: flops.model,
        hardwareFlops: flops.hardware,
        denseFlops: flops.dense,
        attentionFlops: flops.attention,
        logitsFlops: flops.logits,
        attentionShare: flops.attentionShare,
        flopsPerToken: flopsPerToken(model, seq, parameters),
        stepSeconds: stepSeconds(flops.hardware, device.peakFlops, devicesPerStep, settings.utilisation),
      };
    });
    const crossover = attentionCrossover(model, settings);

    if (values.json) {
      writeJson({ model: model.id, computeDevice: device.id, utilisation: settings.utilisation, crossoverSeq: crossover, rows });
    } else if (values.csv) {
      const header = ['seq_tokens', 'model_flops', 'hardware_flops', 'dense_flops', 'attention_flops', 'logits_flops', 'attention_share', 'flops_per_token', 'step_seconds'];
      const body = rows.map((r) => [r.seq, r.modelFlops, r.hardwareFlops, r.denseFlops, r.attentionFlops, r.logitsFlops, r.attentionShare, r.flopsPerToken, r.stepSeconds]);
      process.stdout.write(formatCsv(header, body, `seqscope flops, ${model.name} on ${device.id}, scenario ${scenarioQuery(scenario)}`));
    } else {
      process.stdout.write(`${model.name}; attention FLOPs equal the dense layers' at s = ${crossover === null ? 'no length' : crossover.toLocaleString('en-US')}\n`);
      for (const r of rows) {
        process.stdout.write(`s = ${r.seq.toLocaleString('en-US')}: ${formatFlops(r.modelFlops)} model, ${formatFlops(r.hardwareFlops)} hardware, attention ${(100 * r.attentionShare).toFixed(1)}%, ${formatSeconds(r.stepSeconds)} per step on ${device.id}\n`);
      }
    }
    return 0;
  },
};
