// Entry of the helper thread in the two-thread forward-pass test.
import { workerData } from 'node:worker_threads';
import { serveHelperJobs } from '../../../src/core/gpt2/wasm/helperChannel.ts';

serveHelperJobs(workerData);
