import { wrap } from 'comlink';
import { toEndpoint } from './nodeEndpoint.ts';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { KernelWorkerApi } from './kernelWorkerApi.ts';
import { KernelPool, type PoolWorker } from './kernelPool.ts';

// Node 20 ships relaxed SIMD behind this flag; it lets the module use fused
// multiply-add as Chromium does. Set before any module is compiled.
setFlagsFromString('--experimental-wasm-relaxed-simd');

/**
 * Starts a worker thread on the TypeScript entry through tsx's loader, as the
 * command line itself runs under tsx.
 */
function createNodeWorker(): PoolWorker {
  const loader = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./kernels.node-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(code, { eval: true });
  worker.unref();
  const crashed = new Promise<never>((_, reject) => {
    worker.on('error', (error) => reject(error));
    worker.on('exit', (code) => reject(new Error(`The worker thread exited with code ${code}.`)));
  });
  crashed.catch(() => {});
  return { api: wrap<KernelWorkerApi>(toEndpoint(worker)), terminate: () => void worker.terminate(), crashed };
}

export function createNodeKernelPool(size = availableParallelism()): KernelPool {
  return new KernelPool(createNodeWorker, size);
}
