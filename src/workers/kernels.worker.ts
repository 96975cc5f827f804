// Browser worker entry of the kernel pool.
import { expose } from 'comlink';
import { createKernelWorkerApi } from './kernelWorkerApi.ts';

expose(createKernelWorkerApi());
