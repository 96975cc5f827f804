import { wrap } from 'comlink';
import type { KernelWorkerApi } from './kernelWorkerApi.ts';
import { KernelPool, type PoolWorker } from './kernelPool.ts';

function createBrowserWorker(): PoolWorker {
  const worker = new Worker(new URL('./kernels.worker.ts', import.meta.url), { type: 'module', name: 'seqscope-kernels' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(event.message || 'The worker crashed (out of memory or an uncaught error).')));
  });
  crashed.catch(() => {});
  return { api: wrap<KernelWorkerApi>(worker), terminate: () => worker.terminate(), crashed };
}

/** Workers in a browser pool: one per logical core the browser reports, 2 when it reports none. */
export function browserPoolSize(): number {
  return Math.max(1, navigator.hardwareConcurrency || 2);
}

/** Whether the page may share memory with workers (COOP and COEP headers present). */
export function sharedMemoryAvailable(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true;
}

export function createBrowserKernelPool(size = browserPoolSize()): KernelPool {
  return new KernelPool(createBrowserWorker, size);
}
