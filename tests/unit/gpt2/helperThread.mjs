// Entry of the helper thread in the two-thread tests: registers tsx so that
// the TypeScript job loop can run in a worker thread.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { serveHelperJobs } = await import('../../../src/core/gpt2/wasm/helperChannel.ts');
serveHelperJobs(workerData);
