// A helper thread of the accuracy worker: runs half of each GPT-2 matrix product on the shared weights.
import { serveHelperJobs, type HelperSetup } from '../core/gpt2/wasm/helperChannel.ts';

addEventListener('message', (event: MessageEvent<HelperSetup>) => serveHelperJobs(event.data), { once: true });
