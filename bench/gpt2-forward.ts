// GPT-2 small forward pass over 1,024 tokens (random weights of the real
// shapes): median time and GFLOP/s in headless Chromium (Debian's
// /usr/bin/chromium) and in Node, one thread each.
// Run: npx tsx bench/gpt2-forward.ts [--repeats N] [--node-only|--browser-only]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { machineDescription, median } from './stats.ts';
import { runForwardBenchmark, type ForwardTiming } from './gpt2-model.ts';

const TOKENS = 1024;
const args = process.argv.slice(2);
const repeatsIndex = args.indexOf('--repeats');
const repeats = repeatsIndex >= 0 ? Number(args[repeatsIndex + 1]) : 3;

function report(where: string, timings: ForwardTiming[]): void {
  const seconds = median(timings.map((t) => t.seconds));
  const head = median(timings.map((t) => t.headSeconds));
  const flops = timings[0]!.flops;
  console.log(`${where}: median ${seconds.toFixed(2)} s over ${timings.length} runs (${timings.map((t) => t.seconds.toFixed(2)).join(', ')}), `
    + `${(flops / seconds / 1e9).toFixed(1)} GFLOP/s, ${(flops / 1e9).toFixed(0)} GFLOP per pass; output head ${head.toFixed(2)} s`);
}

async function runInChromium(): Promise<ForwardTiming[]> {
  const bundle = await build({
    stdin: { contents: "import { runForwardBenchmark } from './bench/gpt2-model.ts'; (globalThis as any).runForwardBenchmark = runForwardBenchmark;", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, format: 'iife', write: false, target: 'es2022',
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(([tokens, count]) => (globalThis as unknown as { runForwardBenchmark(t: number, r: number): ForwardTiming[] }).runForwardBenchmark(tokens, count), [TOKENS, repeats] as const);
  } finally {
    await browser.close();
  }
}

console.log(`GPT-2 small forward pass, ${TOKENS} tokens, logits at every position, random weights`);
console.log(`machine: ${machineDescription()}`);
if (!args.includes('--node-only')) report('Chromium', await runInChromium());
if (!args.includes('--browser-only')) report('Node', runForwardBenchmark(TOKENS, repeats));
