import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { parseAccuracyCsv } from '../core/accuracy/csv.ts';
import type { ContextSetting, MeasureProgress } from '../core/accuracy/measure.ts';
import type { LoadedModel, PreparedText } from '../core/accuracy/session.ts';
import type { AccuracyCurve } from '../core/accuracy/tally.ts';
import { startAccuracyWorker, type AccuracyWorker } from '../workers/accuracyClient.ts';
import { fetchWithProgress, readFileWithProgress, siblingConfigUrl, type ByteProgress } from './accuracyIo.ts';

export interface TextSource {
  kind: 'bundled' | 'pasted' | 'file';
  name: string;
  text: string;
}

export interface AccuracyRunState {
  model: (LoadedModel & { name: string }) | null;
  /** What is loading and how far it is, while a model loads. */
  loading: { label: string; progress: ByteProgress } | null;
  modelError: string | null;
  text: TextSource | null;
  prepared: PreparedText | null;
  running: boolean;
  progress: MeasureProgress | null;
  /** Curves measured here; kept when a run is cancelled. */
  measured: AccuracyCurve[];
  cancelled: boolean;
  runError: string | null;
  /** Curves read from CSV files measured elsewhere. */
  imported: AccuracyCurve[];
  importError: string | null;
}

const initialState: AccuracyRunState = {
  model: null,
  loading: null,
  modelError: null,
  text: null,
  prepared: null,
  running: false,
  progress: null,
  measured: [],
  cancelled: false,
  runError: null,
  imported: [],
  importError: null,
};

export const accuracyRunStore = createStore<AccuracyRunState>()(() => initialState);

export function useAccuracyRun<T>(selector: (state: AccuracyRunState) => T): T {
  return useStore(accuracyRunStore, selector);
}

let worker: AccuracyWorker | null = null;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadModel(name: string, readConfig: () => Promise<string>, readModel: (onProgress: (p: ByteProgress) => void) => Promise<ArrayBuffer>): Promise<void> {
  const set = accuracyRunStore.setState;
  if (accuracyRunStore.getState().running) return;
  set({ modelError: null, loading: { label: 'config.json', progress: { loadedBytes: 0, totalBytes: null } } });
  try {
    const configText = await readConfig();
    const bytes = await readModel((progress) => set({ loading: { label: 'model.safetensors', progress } }));
    set({ loading: { label: 'checking the weights against config.json', progress: { loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength } } });
    // A fresh worker holds the new weights; the old one and its weights are released.
    const next = startAccuracyWorker();
    try {
      const model = await next.loadModel(configText, bytes);
      worker?.terminate();
      worker = next;
      set({ model: { ...model, name }, prepared: null, measured: [], progress: null, cancelled: false });
    } catch (error) {
      next.terminate();
      throw error;
    }
  } catch (error) {
    set({ modelError: errorMessage(error) });
  } finally {
    set({ loading: null });
  }
}

/** Loads config.json and model.safetensors from files the user chose or dropped. */
export function loadModelFiles(files: readonly File[]): Promise<void> {
  const config = files.find((file) => file.name.toLowerCase().endsWith('.json'));
  const model = files.find((file) => file.name.toLowerCase().endsWith('.safetensors'));
  if (!config || !model) {
    const names = files.map((file) => file.name).join(', ') || 'no files';
    accuracyRunStore.setState({ modelError: `Choose two files together: config.json and model.safetensors (got ${names}).` });
    return Promise.resolve();
  }
  return loadModel(model.name, () => config.text(), (onProgress) => readFileWithProgress(model, onProgress));
}

/** Downloads model.safetensors and the config.json beside it from the app's own origin. */
export function loadModelUrl(modelUrl: URL): Promise<void> {
  return loadModel(
    modelUrl.pathname,
    async () => new TextDecoder().decode(await fetchWithProgress(siblingConfigUrl(modelUrl), () => undefined)),
    (onProgress) => fetchWithProgress(modelUrl, onProgress),
  );
}

export function setText(text: TextSource): void {
  accuracyRunStore.setState({ text, prepared: null });
}

/** Tokenises the text in the worker and measures accuracy by position under each setting. */
export async function runMeasurement(settings: ContextSetting[], maxPassages: number): Promise<void> {
  const state = accuracyRunStore.getState();
  const set = accuracyRunStore.setState;
  if (!worker || !state.model || state.running) return;
  if (!state.text || state.text.text.trim() === '') {
    set({ runError: 'There is no text to measure on. Paste text, load a .txt file or choose the bundled text.' });
    return;
  }
  set({ running: true, runError: null, cancelled: false, measured: [], progress: null });
  try {
    const prepared = await worker.prepareText(state.text.text, maxPassages);
    set({ prepared });
    if (prepared.passages === 0) throw new Error('The text has fewer than two tokens the model can read; supply a longer text.');
    const result = await worker.measure(settings, (progress, curves) => set(curves ? { progress, measured: curves } : { progress }));
    set({ measured: result.curves, cancelled: result.cancelled });
  } catch (error) {
    set({ runError: errorMessage(error) });
  } finally {
    set({ running: false });
  }
}

export function cancelMeasurement(): void {
  void worker?.cancel();
}

export function importAccuracyCsv(text: string, name: string): void {
  try {
    const curves = parseAccuracyCsv(text, name.replace(/\.csv$/i, ''));
    accuracyRunStore.setState((state) => ({ imported: [...state.imported, ...curves.map((curve) => ({ ...curve, label: `${curve.label} (imported)` }))], importError: null }));
  } catch (error) {
    accuracyRunStore.setState({ importError: `${name}: ${errorMessage(error)}` });
  }
}

export function clearImported(): void {
  accuracyRunStore.setState({ imported: [], importError: null });
}
