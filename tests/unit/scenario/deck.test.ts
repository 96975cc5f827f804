import { describe, expect, it } from 'vitest';
import { decodeDeck, encodeDeck, isDeckQuery } from '../../../src/core/scenario/deck.ts';
import { formatScenarioFile, parseScenarioFile } from '../../../src/core/scenario/file.ts';
import { presetScenario } from '../../../src/core/scenario/url.ts';
import { createDeckStore, DECK_STORAGE_KEY } from '../../../src/state/deck.ts';
import { presentationKey } from '../../../src/ui/present/keys.ts';
import type { KernelJob } from '../../../src/core/kernels/job.ts';
import { DEFAULT_KERNELS_SCENARIO } from '../../../src/core/kernels/scenario.ts';
import { createKernelsStore } from '../../../src/state/kernelsStore.ts';
import type { KernelPool, KernelRunResult, RunOptions } from '../../../src/workers/kernelPool.ts';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('deck links', () => {
  it('round trip keeps order and title', () => {
    const deck = { title: 'Long context & <b>you</b>', slides: ['v=1&preset=very-long-sequences', 'v=1&view=fabric', 'v=1&title=a%26b&b=4'] };
    const query = encodeDeck(deck);
    expect(isDeckQuery(query)).toBe(true);
    expect(decodeDeck(query)).toEqual({ deck, ignored: [] });
  });

  it('invalid slide fields are reported by slide number', () => {
    const { deck, ignored } = decodeDeck('?deck=&slide=b%3D4&slide=b%3Dx%26rc%3Dnone&other=1');
    expect(deck.slides).toEqual(['v=1&b=4', 'v=1']);
    expect(ignored.map((f) => f.key)).toEqual(['slide 2: b', 'other']);
  });

  it('scenario links are not decks', () => {
    expect(isDeckQuery('?v=1&b=4')).toBe(false);
  });
});

describe('deck store', () => {
  it('persists and reorders slides', () => {
    const storage = memoryStorage();
    const store = createDeckStore(storage);
    store.getState().addSlide('preset=gpt-j-figure');
    store.getState().addSlide('b=2');
    store.getState().addSlide('b=3');
    store.getState().moveSlide(2, -2);
    expect(store.getState().deck.slides).toEqual(['v=1&b=3', 'v=1&preset=gpt-j-figure', 'v=1&b=2']);
    store.getState().moveSlide(0, -1);
    expect(store.getState().deck.slides[0]).toBe('v=1&b=3');
    const reloaded = createDeckStore(storage);
    expect(reloaded.getState().deck.slides).toEqual(store.getState().deck.slides);
    expect(storage.getItem(DECK_STORAGE_KEY)).toContain('slide=');
  });

  it('shared deck keeps the user deck to restore', () => {
    const store = createDeckStore(memoryStorage());
    store.getState().addSlide('b=2');
    const own = store.getState().deck;
    store.getState().openShared({ title: 'Shared', slides: ['v=1&b=9'] });
    expect(store.getState().previous).toEqual(own);
    expect(store.getState().replacedByShared).toBe(true);
    store.getState().restorePrevious();
    expect(store.getState().deck).toEqual(own);
    expect(store.getState().replacedByShared).toBe(false);
  });

  it('shared deck notice only when a deck was replaced', () => {
    const store = createDeckStore(memoryStorage());
    store.getState().openShared({ title: 'Shared', slides: ['v=1&b=9'] });
    expect(store.getState().replacedByShared).toBe(false);
    store.getState().openShared({ title: 'Shared', slides: ['v=1&b=9'] });
    expect(store.getState().replacedByShared).toBe(false);
    store.getState().openShared({ title: 'Other', slides: ['v=1&b=8'] });
    expect(store.getState().replacedByShared).toBe(true);
    store.getState().dismissSharedNotice();
    expect(store.getState().replacedByShared).toBe(false);
    expect(store.getState().previous?.title).toBe('Shared');
  });

  it('presenting clamps to the slides', () => {
    const store = createDeckStore(undefined);
    store.getState().present(0);
    expect(store.getState().presenting).toBeNull();
    store.getState().addSlide('b=2');
    store.getState().present(5);
    expect(store.getState().presenting).toBe(0);
  });
});

describe('presentation keys', () => {
  const go = (key: string, index = 2, buffer = '') => presentationKey(key, index, 5, buffer);

  it('forward keys', () => {
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' ']) expect(go(key).action).toEqual({ kind: 'goto', index: 3 });
  });

  it('back keys', () => {
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp']) expect(go(key).action).toEqual({ kind: 'goto', index: 1 });
  });

  it('home, end and the ends clamp', () => {
    expect(go('Home').action).toEqual({ kind: 'goto', index: 0 });
    expect(go('End').action).toEqual({ kind: 'goto', index: 4 });
    expect(go('ArrowRight', 4).action).toEqual({ kind: 'goto', index: 4 });
    expect(go('ArrowLeft', 0).action).toEqual({ kind: 'goto', index: 0 });
  });

  it('number then Enter jumps', () => {
    const typed = go('4');
    expect(typed.buffer).toBe('4');
    expect(go('Enter', 2, typed.buffer).action).toEqual({ kind: 'goto', index: 3 });
    expect(go('Enter', 2, '9').action).toEqual({ kind: 'no-such-slide', number: 9, count: 5 });
    expect(go('Enter', 2, '0').action).toEqual({ kind: 'no-such-slide', number: 0, count: 5 });
  });

  it('escape clears digits before leaving', () => {
    expect(go('Escape', 2, '3')).toMatchObject({ action: { kind: 'buffer' }, buffer: '' });
    expect(go('Escape').action).toEqual({ kind: 'leave' });
  });

  it('other keys do nothing', () => {
    for (const key of ['a', 'f', 'Tab', 'Enter', 'Delete', '+']) {
      expect(go(key)).toEqual({ action: { kind: 'none' }, buffer: '', handled: false });
    }
  });
});

describe('scenario files', () => {
  it('round trip', () => {
    const scenario = { ...presetScenario('very-long-sequences')!, description: 'For the appendix' };
    const result = parseScenarioFile(formatScenarioFile(scenario));
    expect(result).toEqual({ ok: true, scenario, ignored: [] });
  });

  it('invalid fields are listed and the rest applies', () => {
    const text = JSON.stringify({ format: 'seqscope-scenario', version: 1, fields: { b: 0, rc: 'full', title: { html: '<b>' } } });
    const result = parseScenarioFile(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ignored.map((f) => f.key)).toEqual(['title', 'b']);
    expect(result.scenario.scaling.recompute).toBe('full');
  });

  it('files that are not scenarios are rejected whole', () => {
    for (const text of ['not json', '[]', '{"format":"other"}', '{"format":"seqscope-scenario","fields":3}']) {
      const result = parseScenarioFile(text, 'x.json');
      expect(result.ok).toBe(false);
    }
  });
});

describe('slide sweeps', () => {
  /** A pool that records each point it runs and answers after a timer tick, with a result naming the point. */
  function recordingPool() {
    const points: string[] = [];
    const pool = {
      prepare: async () => false,
      run: async (job: KernelJob, options: RunOptions) => {
        points.push(`${job.kernel}@${job.shape.seqLen}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        options.onProgress?.(1);
        return { kernel: job.kernel, seqLen: job.shape.seqLen, medianMs: 1 } as KernelRunResult;
      },
    };
    return { pool: pool as unknown as KernelPool, points };
  }
  const small = { ...DEFAULT_KERNELS_SCENARIO, kernels: ['tiled', 'window'], seqLens: [256, 512] };
  const other = { ...small, seqLens: [1024, 2048] };

  it('sweep progress never steps back', async () => {
    const { pool } = recordingPool();
    const store = createKernelsStore(() => pool);
    const overall: number[] = [];
    store.subscribe((state) => {
      if (state.pointsTotal > 0) overall.push((state.pointsDone + (state.current?.fraction ?? 0)) / state.pointsTotal);
    });
    await store.getState().runSweep(small);
    expect(overall.length).toBeGreaterThan(4);
    for (let i = 1; i < overall.length; i++) expect(overall[i]).toBeGreaterThanOrEqual(overall[i - 1]!);
    expect(overall.at(-1)).toBe(1);
  });

  it('ensureSweep runs a sweep once', async () => {
    const { pool, points } = recordingPool();
    const store = createKernelsStore(() => pool);
    await Promise.all([store.getState().ensureSweep(small), store.getState().ensureSweep(small)]);
    expect(points).toEqual(['tiled@256', 'window@256', 'tiled@512', 'window@512']);
    expect(store.getState().status).toBe('done');
    await store.getState().ensureSweep(small);
    expect(points).toHaveLength(4);
  });

  it('ensureSweep brings back a finished sweep', async () => {
    const { pool, points } = recordingPool();
    const store = createKernelsStore(() => pool);
    await store.getState().ensureSweep(small);
    await store.getState().ensureSweep(other);
    expect(points).toHaveLength(8);
    await store.getState().ensureSweep(small);
    expect(points).toHaveLength(8);
    expect(store.getState().status).toBe('done');
    expect(store.getState().results.map((result) => `${result.kernel}@${result.seqLen}`)).toEqual(['tiled@256', 'window@256', 'tiled@512', 'window@512']);
    expect(store.getState().pointsDone).toBe(4);
    expect(store.getState().pointsTotal).toBe(4);
    // Run sweep measures again.
    await store.getState().runSweep(small);
    expect(points).toHaveLength(12);
  });

  it('ensureSweep replaces another sweep', async () => {
    const { pool, points } = recordingPool();
    const store = createKernelsStore(() => pool);
    const first = store.getState().runSweep(small);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await store.getState().ensureSweep(other);
    await first;
    expect(store.getState().status).toBe('done');
    expect(store.getState().results.map((result) => result.seqLen)).toEqual([1024, 1024, 2048, 2048]);
    expect(points.filter((point) => point.endsWith('@1024') || point.endsWith('@2048'))).toHaveLength(4);
    expect(points.length).toBeLessThan(8);
    // The cancelled sweep was not kept, so asking for it again runs it.
    const before = points.length;
    await store.getState().ensureSweep(small);
    expect(points.length).toBe(before + 4);
  });
});
