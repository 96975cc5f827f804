import { findDevicePreset } from '../../core/devices/devices.ts';
import { longestFit } from '../../core/scaling/fit.ts';
import { resolveDevice } from '../../core/scenario/resolve.ts';
import { formatBytes } from '../../core/units.ts';
import { CliError, formatHelp, parseOptions, writeJson, type CliCommand, type OptionSpecs } from '../args.ts';
import { SCALING_OPTION_SPECS, scenarioFromOptions } from '../scalingOptions.ts';

const { devices: _devices, csv: _csv, ...SHARED } = SCALING_OPTION_SPECS;
const SPECS: OptionSpecs = {
  device: { type: 'string', valueName: 'ID', help: 'Device id (required), e.g. a100-80gb, h100-80gb, wse-2.' },
  ...SHARED,
};

const USAGE = 'npm run --silent cli -- fit --model ID --device ID [options] [--json]';
const SUMMARY = 'The longest sequence that fits on a device, exact to one token, other settings fixed.';

export const fitCommand: CliCommand = {
  name: 'fit',
  summary: SUMMARY,
  async run(argv) {
    const values = parseOptions(argv, SPECS, 'fit');
    if (values.help) {
      process.stdout.write(formatHelp(USAGE, SUMMARY, SPECS));
      return 0;
    }
    if (typeof values.device !== 'string') throw new CliError('--device is required, e.g. --device a100-80gb.');
    if (!findDevicePreset(values.device)) throw new CliError(`--device: "${values.device}" was not found; see --help for device ids.`);
    const { scenario, model } = scenarioFromOptions(values);
    const device = resolveDevice(values.device, scenario.scaling)!;
    const result = longestFit(model, scenario.scaling, device);
    if (values.json) {
      writeJson({ maxSeq: result.maxSeq, device: device.id, capacityBytes: result.capacityBytes, fixedBytes: result.fixedBytes, atLimit: result.atLimit });
    } else if (result.maxSeq === null) {
      process.stdout.write(`${model.name} does not fit on ${device.name} at any length: ${formatBytes(result.fixedBytes)} are needed before any sequence, against ${formatBytes(result.capacityBytes)}.\n`);
    } else {
      const bound = result.atLimit ? 'at least ' : '';
      process.stdout.write(`${model.name} on ${device.name}: longest sequence ${bound}${result.maxSeq.toLocaleString('en-US')} tokens (capacity ${formatBytes(result.capacityBytes)}).\n`);
    }
    return 0;
  },
};
