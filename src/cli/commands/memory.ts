import { bytesOnDeviceAt, COMPONENT_KEYS, memoryBreakdown, totalBytes, countParameters } from '../../core/scaling/index.ts';
import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { resolveDevices } from '../../core/scenario/resolve.ts';
import { scenarioQuery } from '../../core/scenario/url.ts';
import { formatBytes } from '../../core/units.ts';
import { formatHelp, parseOptions, writeJson, type CliCommand, type OptionSpecs } from '../args.ts';
import { formatCsv } from '../csv.ts';
import { parseSequenceList, SCALING_OPTION_SPECS, scenarioFromOptions } from '../scalingOptions.ts';

const SPECS: OptionSpecs = {
  seq: { type: 'string', valueName: 'LIST', help: 'Comma-separated sequence lengths, in tokens (required).' },
  ...SCALING_OPTION_SPECS,
};

const USAGE = 'npm run --silent cli -- memory --model ID --seq LIST [options] [--json | --csv]';
const SUMMARY = 'Memory per device by component at each sequence length, and whether it fits each device.';

export const memoryCommand: CliCommand = {
  name: 'memory',
  summary: SUMMARY,
  async run(argv) {
    const values = parseOptions(argv, SPECS, 'memory');
    if (values.help) {
      process.stdout.write(formatHelp(USAGE, SUMMARY, SPECS));
      return 0;
    }
    const lengths = parseSequenceList(values.seq);
    const { scenario, model } = scenarioFromOptions(values);
    const devices = resolveDevices(scenario.scaling);
    const parameters = countParameters(model).total;
    const rows = lengths.map((seq) => {
      const components = memoryBreakdown(model, scenario.scaling, seq, parameters);
      const fits = Object.fromEntries(devices.map((device) => [device.id, bytesOnDeviceAt(model, scenario.scaling, device, seq, parameters) <= deviceCapacityBytes(device)]));
      return { seq, totalBytes: totalBytes(components), components, fits };
    });

    if (values.json) {
      writeJson(rows);
    } else if (values.csv) {
      const header = ['seq_tokens', 'total_bytes', ...COMPONENT_KEYS.map((key) => `${key}_bytes`), ...devices.map((d) => `fits_${d.id}`)];
      const body = rows.map((row) => [row.seq, row.totalBytes, ...COMPONENT_KEYS.map((key) => row.components[key]), ...devices.map((d) => row.fits[d.id])]);
      process.stdout.write(formatCsv(header, body, `seqscope memory, ${model.name}, scenario ${scenarioQuery(scenario)}`));
    } else {
      process.stdout.write(`${model.name}, ${parameters.toLocaleString('en-US')} parameters\n`);
      for (const row of rows) {
        const fits = devices.map((d) => `${d.id}: ${row.fits[d.id] ? 'fits' : 'does not fit'}`).join(', ');
        process.stdout.write(`s = ${row.seq.toLocaleString('en-US')}: ${formatBytes(row.totalBytes)} (${row.totalBytes.toLocaleString('en-US')} B); ${fits}\n`);
      }
    }
    return 0;
  },
};
