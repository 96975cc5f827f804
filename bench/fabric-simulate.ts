// Fabric simulator in Node: one full-wafer simulation (GPT-J, s = 2,251, default settings)
// and the max-pooled pyramid of one metric, for WSE-2 and WSE-3.
// Run: npx tsx bench/fabric-simulate.ts [--repeats N]
import { fabricRunInput } from '../src/core/fabric/input.ts';
import { buildMaxPyramid } from '../src/core/fabric/pyramid.ts';
import { simulateFabric } from '../src/core/fabric/simulate.ts';
import { DEFAULT_SCENARIO } from '../src/core/scenario/types.ts';
import { machineDescription, median, quantile } from './stats.ts';

const args = process.argv.slice(2);
const repeats = Number(args[args.indexOf('--repeats') + 1] ?? 0) || 30;

function row(label: string, values: number[]): string {
  return `${label.padEnd(28)} median ${median(values).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms (n = ${values.length})`;
}

console.log(`Fabric simulator, ${repeats} runs after 3 warm-up runs; machine: ${machineDescription()}`);
for (const fabricId of ['wse-2', 'wse-3'] as const) {
  const input = fabricRunInput({ ...DEFAULT_SCENARIO, fabric: { ...DEFAULT_SCENARIO.fabric, fabricId, seq: 2251 } });
  const simulate: number[] = [];
  const pyramid: number[] = [];
  for (let i = 0; i < repeats + 3; i += 1) {
    let start = performance.now();
    const result = simulateFabric(input);
    const simulated = performance.now() - start;
    start = performance.now();
    buildMaxPyramid(result.metrics.memory, result.geometry.columns, result.geometry.rows);
    const built = performance.now() - start;
    if (i < 3) continue;
    simulate.push(simulated);
    pyramid.push(built);
  }
  console.log(row(`${fabricId} simulation`, simulate));
  console.log(row(`${fabricId} pyramid build`, pyramid));
}
