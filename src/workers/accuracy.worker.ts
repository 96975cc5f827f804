// The accuracy-by-position worker: exposes one AccuracySession over comlink.
// When the page is cross-origin isolated and the machine has a second core, a
// helper worker shares the weights' memory and runs half of each product.
import { expose } from 'comlink';
import { AccuracySession, type HelperStarter } from '../core/accuracy/session.ts';

const startHelper: HelperStarter = (setup) => {
  const helper = new Worker(new URL('./gpt2Helper.worker.ts', import.meta.url), { type: 'module', name: 'gpt2-helper' });
  helper.postMessage(setup);
  return () => helper.terminate();
};

const canShare = globalThis.crossOriginIsolated === true && (globalThis.navigator?.hardwareConcurrency ?? 1) > 1;
expose(new AccuracySession(canShare ? startHelper : undefined));
