// Times a GPT-2 small forward pass over 1,024 tokens with random weights of
// the real shapes, and prints the median time and GFLOP/s. It runs on one
// thread and on two (a helper thread shares the weights' memory), in headless
// Chromium (Debian's /usr/bin/chromium) and in Node. The browser run uses a
// cross-origin isolated page served from localhost.
// Run: npx tsx bench/gpt2-forward.ts [--repeats N] [--node-only|--browser-only]
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker as NodeWorker } from 'node:worker_threads';
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

async function bundle(contents: string): Promise<string> {
  const result = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', write: false, target: 'es2022' });
  return result.outputFiles[0]!.text;
}

/** Serves the benchmark's page and workers from localhost with the headers that enable SharedArrayBuffer. */
async function serveBench(): Promise<Server> {
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><title>GPT-2 forward benchmark</title>'],
    '/bench.js': ['text/javascript', await bundle(`
      import { runForwardBenchmark } from './bench/gpt2-model.ts';
      addEventListener('message', async (event) => {
        const { tokens, repeats, threads } = event.data;
        try {
          const start = threads === 2 ? (setup) => new Worker('/helper.js').postMessage(setup) : undefined;
          postMessage({ timings: await runForwardBenchmark(tokens, repeats, start) });
        } catch (error) {
          postMessage({ error: String(error) });
        }
      });`)],
    '/helper.js': ['text/javascript', await bundle(`
      import { serveHelperJobs } from './src/core/gpt2/wasm/helperChannel.ts';
      addEventListener('message', (event) => serveHelperJobs(event.data), { once: true });`)],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': file[0], 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    response.end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function runInChromium(threads: number): Promise<ForwardTiming[]> {
  const server = await serveBench();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const result = await page.evaluate((request) => new Promise<{ timings?: ForwardTiming[]; error?: string }>((resolve) => {
      const worker = new Worker('/bench.js');
      worker.onmessage = (event) => resolve(event.data);
      worker.postMessage(request);
    }), { tokens: TOKENS, repeats, threads });
    if (!result.timings) throw new Error(result.error ?? 'The benchmark worker returned nothing.');
    return result.timings;
  } finally {
    await browser.close();
    server.close();
  }
}

async function runInNode(threads: number): Promise<ForwardTiming[]> {
  let helper: NodeWorker | null = null;
  const start = threads === 2 ? (setup: unknown) => {
    helper = new NodeWorker(new URL('./gpt2-helper-thread.mjs', import.meta.url), { workerData: setup });
  } : undefined;
  try {
    return await runForwardBenchmark(TOKENS, repeats, start);
  } finally {
    await (helper as NodeWorker | null)?.terminate();
  }
}

console.log(`GPT-2 small forward pass, ${TOKENS} tokens, logits at every position, random weights`);
console.log(`machine: ${machineDescription()}`);
for (const threads of [2, 1]) {
  if (!args.includes('--node-only')) report(`Chromium, ${threads} thread${threads > 1 ? 's' : ''}`, await runInChromium(threads));
  if (!args.includes('--browser-only')) report(`Node, ${threads} thread${threads > 1 ? 's' : ''}`, await runInNode(threads));
}
