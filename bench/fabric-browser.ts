// Fabric heatmap and worker benchmarks in headless Chromium (Debian's /usr/bin/chromium):
// pan and zoom frame times with Canvas2D and WebGL, metric switch, pyramid build, and the
// full WSE-2 simulation in the app's comlink worker.
// Run: npx tsx bench/fabric-browser.ts [--frames N] [--gpu]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { FrameTimes } from './fabric-page.ts';
import { machineDescription, median, quantile } from './stats.ts';

const args = process.argv.slice(2);
const frameCount = Number(args[args.indexOf('--frames') + 1] ?? 0) || 150;
// Without --gpu Chromium runs as the app's browser tests do: --disable-gpu, so WebGL, if any, runs in software.
const chromiumArgs = args.includes('--gpu') ? ['--no-sandbox'] : ['--no-sandbox', '--disable-gpu'];

async function bundle(contents: string, format: 'iife'): Promise<string> {
  const result = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format, write: false, target: 'es2022' });
  return result.outputFiles[0]!.text;
}

function row(label: string, values: number[]): string {
  return `${label.padEnd(44)} median ${median(values).toFixed(2)} ms, p95 ${quantile(values, 0.95).toFixed(2)} ms (n = ${values.length})`;
}

const page = await bundle("import * as bench from './bench/fabric-page.ts'; (globalThis as any).fabricBench = bench;", 'iife');
const worker = await bundle("import './src/workers/fabric.worker.ts';", 'iife');
type Bench = typeof import('./fabric-page.ts');

console.log(`Fabric heatmap in Chromium, ${frameCount} frames per sweep; machine: ${machineDescription()}; Chromium flags: ${chromiumArgs.join(' ')}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  for (const dpr of [1, 2]) {
    const context = await browser.newContext({ deviceScaleFactor: dpr, viewport: { width: 1300, height: 900 } });
    const tab = await context.newPage();
    await tab.goto('about:blank');
    await tab.addScriptTag({ content: page });
    for (const fabricId of ['wse-3', 'wse-2'] as const) {
      for (const kind of ['canvas2d', 'webgl'] as const) {
        const times = await tab.evaluate(([k, f, n]) => (globalThis as unknown as { fabricBench: Bench }).fabricBench.runFrames(k, f, n), [kind, fabricId, frameCount] as const);
        if (typeof times === 'string') {
          console.log(`${kind}, ${fabricId}, dpr ${dpr}: unavailable (${times})`);
          continue;
        }
        const frames = times as FrameTimes;
        console.log(row(`${frames.renderer}: all frames`, frames.frames));
        console.log(row(`${frames.renderer}: zoomed out (< 4 × fit)`, frames.zoomedOut));
        console.log(row(`${frames.renderer}: zoomed in`, frames.zoomedIn));
      }
    }
    if (dpr === 1) {
      const switches = await tab.evaluate(() => (globalThis as unknown as { fabricBench: Bench }).fabricBench.runMetricSwitch('wse-3', 20));
      console.log(row('metric switch, WSE-3, pyramid cached', switches.cached));
      console.log(row('metric switch, WSE-3, pyramid built', switches.withPyramid));
      console.log(row('pyramid build, WSE-3 (Chromium)', switches.pyramid));
      const simulation = await tab.evaluate((source) => (globalThis as unknown as { fabricBench: Bench }).fabricBench.runWorker(source, 15), worker);
      console.log(row('WSE-2 simulation, comlink worker round trip', simulation.roundTrip));
      console.log(row('WSE-2 simulation, inside the worker', simulation.inWorker));
    }
    await context.close();
  }
} finally {
  await browser.close();
}
