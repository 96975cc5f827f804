// Entry of the helper thread in the two-thread forward-pass test: registers
// tsx so that the TypeScript helper loop can be imported in a worker thread.
import { register } from 'tsx/esm/api';

register();
await import('./helperThread.ts');
