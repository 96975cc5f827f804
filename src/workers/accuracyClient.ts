import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { ContextSetting, MeasureResult } from '../core/accuracy/measure.ts';
import type { AccuracySession, LoadedModel, PreparedText, ProgressListener } from '../core/accuracy/session.ts';

/** The page's handle on the accuracy worker; every call runs in the worker. */
export interface AccuracyWorker {
  loadModel(configText: string, modelBytes: ArrayBuffer): Promise<LoadedModel>;
  prepareText(text: string, maxPassages: number): Promise<PreparedText>;
  measure(settings: ContextSetting[], onProgress: ProgressListener): Promise<MeasureResult>;
  cancel(): Promise<void>;
  terminate(): void;
}

/** Starts a worker holding one GPT-2 model; the weights move into it without a copy. */
export function startAccuracyWorker(): AccuracyWorker {
  const worker = new Worker(new URL('./accuracy.worker.ts', import.meta.url), { type: 'module', name: 'accuracy' });
  const remote: Remote<AccuracySession> = wrap<AccuracySession>(worker);
  return {
    loadModel: (configText, modelBytes) => remote.loadModel(configText, transfer(modelBytes, [modelBytes])),
    prepareText: (text, maxPassages) => remote.prepareText(text, maxPassages),
    measure: (settings, onProgress) => remote.measure(settings, proxy(onProgress)),
    cancel: () => remote.cancel(),
    terminate: () => worker.terminate(),
  };
}
