// Single-head exact attention, d = 64, N = 1024, 2048, 4096, side by side:
// the tiled WebAssembly SIMD kernel on all cores through the worker pool in
// Node and in headless Chromium (the built app's Kernels view), the same
// kernel on one thread, tfjs-backend-wasm (Node and Chromium), and a plain
// JavaScript loop. Prints medians and GFLOP/s as a Markdown table.
// With --long it also runs tiled attention at N = 65,536 in the Kernels view.
// Run: npx tsx bench/kernels-attention.ts [--repeats R] [--node-only | --chromium-only] [--long]
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { exactAttention } from '../src/core/kernels/exact.ts';
import { fillInputs } from '../src/core/kernels/inputs.ts';
import { DEFAULT_KERNEL_PARAMS } from '../src/core/kernels/types.ts';
import { createNodeKernelPool } from '../src/workers/nodeKernelPool.ts';
import { plainLoopAttention, tfjsAttention } from './kernels-reference.ts';
import { machineDescription, median } from './stats.ts';

const LENGTHS = [1024, 2048, 4096];
const HEAD_DIM = 64;
const args = process.argv.slice(2);
const repeatsIndex = args.indexOf('--repeats');
const repeats = repeatsIndex >= 0 ? Number(args[repeatsIndex + 1]) : 7;
// The Kernels work's own port, so parallel previews do not collide; override with KERNELS_BENCH_PORT.
const PORT = Number(process.env.KERNELS_BENCH_PORT ?? 4182);
const OUT_DIR = 'bench/out/kernels-app';

interface Row {
  method: string;
  where: string;
  threads: string;
  /** Median milliseconds per N. */
  ms: Map<number, number>;
  /** Median CPU milliseconds per N for runs on the calling thread, which other processes on a busy machine do not inflate. */
  cpuMs?: Map<number, number>;
}

/** Runs once untimed, then returns median wall and CPU milliseconds of `count` runs. */
async function timeOnThread(count: number, work: () => unknown): Promise<{ wall: number; cpu: number }> {
  await work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < count; r++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await work();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const flopsAt = (seqLen: number) => 4 * seqLen * seqLen * HEAD_DIM;
const rows: Row[] = [];

function inputs(seqLen: number) {
  const shape = { seqLen, heads: 1, headDim: HEAD_DIM, causal: false };
  const length = seqLen * HEAD_DIM;
  const arrays = { q: new Float32Array(length), k: new Float32Array(length), v: new Float32Array(length) };
  fillInputs('gaussian', shape, 1, arrays);
  return { shape, ...arrays };
}

async function nodePool(): Promise<Row> {
  const pool = createNodeKernelPool();
  const relaxed = await pool.prepare();
  const row: Row = { method: `tiled WebAssembly SIMD${relaxed ? ' + FMA' : ''}, worker pool`, where: 'Node', threads: String(pool.size), ms: new Map() };
  for (const seqLen of LENGTHS) {
    const job = { kernel: 'tiled', shape: { seqLen, heads: 1, headDim: HEAD_DIM, causal: false }, input: 'gaussian' as const, params: DEFAULT_KERNEL_PARAMS, seed: 1 };
    await pool.run(job, { budgetBytes: 2 ** 30, repeats: 1 });
    row.ms.set(seqLen, (await pool.run(job, { budgetBytes: 2 ** 30, repeats })).medianMs);
  }
  pool.dispose();
  return row;
}

async function nodeSingleThread(): Promise<Row> {
  const row: Row = { method: 'tiled WebAssembly SIMD + FMA, calling thread', where: 'Node', threads: '1', ms: new Map(), cpuMs: new Map() };
  for (const seqLen of LENGTHS) {
    const { shape, q, k, v } = inputs(seqLen);
    const { wall, cpu } = await timeOnThread(repeats, () => exactAttention(q, k, v, shape));
    row.ms.set(seqLen, wall);
    row.cpuMs!.set(seqLen, cpu);
  }
  return row;
}

async function nodeTfjs(): Promise<Row> {
  const row: Row = { method: 'tfjs-backend-wasm: transpose, matMul, softmax, matMul', where: 'Node', threads: '', ms: new Map(), cpuMs: new Map() };
  for (const seqLen of LENGTHS) {
    const attention = await tfjsAttention(seqLen, HEAD_DIM);
    const { wall, cpu } = await timeOnThread(repeats, attention.run);
    attention.dispose();
    row.threads = String(attention.threads);
    row.ms.set(seqLen, wall);
    row.cpuMs!.set(seqLen, cpu);
  }
  return row;
}

async function plainLoop(): Promise<Row> {
  const row: Row = { method: 'plain JavaScript triple loop', where: 'Node', threads: '1', ms: new Map(), cpuMs: new Map() };
  for (const seqLen of LENGTHS) {
    const { q, k, v } = inputs(seqLen);
    const { wall, cpu } = await timeOnThread(Math.min(3, repeats), () => plainLoopAttention(q, k, v, seqLen, HEAD_DIM));
    row.ms.set(seqLen, wall);
    row.cpuMs!.set(seqLen, cpu);
  }
  return row;
}

/** Builds the app with a page for tfjs beside it, serves it with COOP and COEP, and runs both in Chromium. */
async function chromiumRows(): Promise<Row[]> {
  await build({ logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const tfjsDir = join(OUT_DIR, 'tfjs');
  mkdirSync(tfjsDir, { recursive: true });
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    cpSync(join('node_modules/@tensorflow/tfjs-backend-wasm/dist', file), join(tfjsDir, file));
  }
  writeFileSync(join(tfjsDir, 'index.html'), '<!doctype html><title>tfjs benchmark</title>');
  const server = await preview({ logLevel: 'warn', build: { outDir: OUT_DIR }, preview: { port: PORT, strictPort: true } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const result = [await chromiumPool(page), await chromiumTfjs(page)];
    if (args.includes('--long')) await chromiumLong(page);
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function chromiumPool(page: Page): Promise<Row> {
  const lengths = LENGTHS.join(',');
  // One sweep to warm the workers up, then the timed one.
  await page.goto(`http://localhost:${PORT}/?view=kernels&ker.k=tiled&ker.n=${lengths}&ker.rep=1`);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.waitForSelector('[data-status="done"]', { timeout: 300_000 });
  await page.goto(`http://localhost:${PORT}/?view=kernels&ker.k=tiled&ker.n=${lengths}&ker.rep=${repeats}`);
  const threads = await page.evaluate(() => navigator.hardwareConcurrency);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await page.waitForSelector('[data-status="done"]', { timeout: 300_000 });
  const row: Row = { method: 'tiled WebAssembly SIMD + FMA, worker pool (Kernels view)', where: 'Chromium', threads: String(threads), ms: new Map() };
  for (const seqLen of LENGTHS) {
    const ms = await page.locator(`tr[data-kernel="tiled"][data-seq="${seqLen}"] [data-col="median-ms"]`).getAttribute('data-ms');
    row.ms.set(seqLen, Number(ms));
  }
  return row;
}

/** Tiled attention at N = 65,536, d = 64 in the Kernels view: time, working memory and the progress seen on the way. */
async function chromiumLong(page: Page): Promise<void> {
  await page.goto(`http://localhost:${PORT}/?view=kernels&ker.k=tiled&ker.n=65536&ker.rep=1`);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const progress: number[] = [];
  while ((await page.locator('[data-status]').getAttribute('data-status')) === 'running') {
    progress.push(Number(await page.locator('progress').getAttribute('data-progress')));
    await page.waitForTimeout(2_000);
  }
  const row = page.locator('tr[data-kernel="tiled"][data-seq="65536"]');
  const ms = Number(await row.locator('[data-col="median-ms"]').getAttribute('data-ms'));
  const cells = await row.locator('td').allTextContents();
  console.log(`Chromium, tiled, N = 65,536, d = 64, all cores: ${(ms / 1000).toFixed(1)} s (${(flopsAt(65536) / ms / 1e6).toFixed(1)} GFLOP/s), `
    + `working memory ${cells[4]}, max abs error ${cells[5]}; progress readings every 2 s: ${progress.map((p) => p.toFixed(2)).join(' ')}`);
}

async function chromiumTfjs(page: Page): Promise<Row> {
  await page.goto(`http://localhost:${PORT}/tfjs/index.html`);
  await page.addScriptTag({ path: 'node_modules/@tensorflow/tfjs-core/dist/tf-core.min.js' });
  await page.addScriptTag({ path: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js' });
  const result = await page.evaluate(
    async ([lengths, headDim, count]) => {
      // The UMD bundles define the global tf, with the backend under tf.wasm.
      const tf = (globalThis as unknown as { tf: typeof import('@tensorflow/tfjs-core') & { wasm: typeof import('@tensorflow/tfjs-backend-wasm') } }).tf;
      tf.wasm.setWasmPaths(`${location.origin}/tfjs/`);
      // tfjs defaults to half the cores; the pool uses all of them, so tfjs does too.
      tf.wasm.setThreadsCount(navigator.hardwareConcurrency);
      await tf.setBackend('wasm');
      await tf.ready();
      const out: Record<number, number[]> = {};
      for (const n of lengths) {
        const q = tf.randomNormal([n, headDim]);
        const k = tf.randomNormal([n, headDim]);
        const v = tf.randomNormal([n, headDim]);
        const times: number[] = [];
        for (let r = 0; r <= count; r++) {
          const start = performance.now();
          const result = tf.tidy(() => tf.matMul(tf.softmax(tf.mul(tf.matMul(q, tf.transpose(k)), 1 / Math.sqrt(headDim))), v));
          await result.data();
          result.dispose();
          if (r > 0) times.push(performance.now() - start);
        }
        tf.dispose([q, k, v]);
        out[n] = times;
      }
      return { out, threads: tf.wasm.getThreadsCount(), isolated: globalThis.crossOriginIsolated };
    },
    [LENGTHS, HEAD_DIM, repeats] as const,
  );
  const row: Row = { method: `tfjs-backend-wasm: transpose, matMul, softmax, matMul${result.isolated ? '' : ' (not isolated)'}`, where: 'Chromium', threads: String(result.threads), ms: new Map() };
  for (const n of LENGTHS) row.ms.set(n, median(result.out[n]!));
  return row;
}

console.log(`Single-head exact attention, d = ${HEAD_DIM}, non-causal; medians of ${repeats} runs after a warm-up`);
console.log(`machine: ${machineDescription()}, ${availableParallelism()} logical cores; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (!args.includes('--chromium-only')) rows.push(await nodePool(), await nodeSingleThread(), await nodeTfjs(), await plainLoop());
if (!args.includes('--node-only')) rows.push(...(await chromiumRows()));

const header = `| Method | Where | Threads | ${LENGTHS.map((n) => `N = ${n}: ms (GFLOP/s)`).join(' | ')} |`;
console.log(header);
console.log(`|${'---|'.repeat(3 + LENGTHS.length)}`);
for (const row of rows) {
  const cells = LENGTHS.map((n) => {
    const ms = row.ms.get(n)!;
    return `${ms.toFixed(1)} (${(flopsAt(n) / ms / 1e6).toFixed(1)})`;
  });
  console.log(`| ${row.method} | ${row.where} | ${row.threads} | ${cells.join(' | ')} |`);
}
console.log('\nCalling-thread runs in Node by CPU time (not inflated by other processes):');
console.log(`| Method | ${LENGTHS.map((n) => `N = ${n}: CPU ms (GFLOP per CPU-second)`).join(' | ')} |`);
console.log(`|${'---|'.repeat(1 + LENGTHS.length)}`);
for (const row of rows.filter((r) => r.cpuMs)) {
  const cells = LENGTHS.map((n) => {
    const ms = row.cpuMs!.get(n)!;
    return `${ms.toFixed(1)} (${(flopsAt(n) / ms / 1e6).toFixed(1)})`;
  });
  console.log(`| ${row.method} | ${cells.join(' | ')} |`);
}
console.log(`load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
