// Times the Scaling view's work for one scenario: a sweep over 1,000 sequence
// lengths and the longest fit on 10 devices. Run: npx tsx bench/scaling-sweep.ts
import { DEVICE_PRESETS } from '../src/core/devices/devices.ts';
import { findModelPreset } from '../src/core/models/presets.ts';
import { DEFAULT_SCALING_SETTINGS, logSpacedLengths, longestFit, sweep } from '../src/core/scaling/index.ts';
import { machineDescription, median, quantile } from './stats.ts';

const REPEATS = 200;
const model = findModelPreset('gpt-j-6b')!;
const devices = DEVICE_PRESETS.slice(0, 10);
const lengths = logSpacedLengths(128, 1_048_576, 1000);

function runOnce(): number {
  const start = performance.now();
  const points = sweep(model, DEFAULT_SCALING_SETTINGS, lengths);
  const fits = devices.map((device) => longestFit(model, DEFAULT_SCALING_SETTINGS, device));
  const elapsed = performance.now() - start;
  if (points.length !== lengths.length || fits.length !== devices.length) throw new Error('sweep returned the wrong number of results');
  return elapsed;
}

for (let i = 0; i < 20; i++) runOnce();
const samples = Array.from({ length: REPEATS }, runOnce);
console.log(`Scaling sweep, ${lengths.length} lengths × ${devices.length} devices (GPT-J, defaults), ${REPEATS} runs`);
console.log(`machine: ${machineDescription()}`);
console.log(`median ${median(samples).toFixed(3)} ms, p95 ${quantile(samples, 0.95).toFixed(3)} ms, one 60 Hz frame is 16.7 ms`);
