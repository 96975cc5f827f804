// Helper thread of the Node run of bench/gpt2-forward.ts: registers tsx, then
// serves matrix-product jobs on the shared weights until a stop job arrives.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveHelperJobs } = await import('../src/core/gpt2/wasm/helperChannel.ts');
serveHelperJobs(workerData);
