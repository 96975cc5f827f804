// Node worker_threads entry of the kernel pool, for the command line and benchmarks.
import { expose } from 'comlink';
import { toEndpoint } from './nodeEndpoint.ts';
import { parentPort } from 'node:worker_threads';
import { createKernelWorkerApi } from './kernelWorkerApi.ts';

if (!parentPort) throw new Error('kernels.node-worker.ts must run as a worker thread.');
expose(createKernelWorkerApi(), toEndpoint(parentPort));
