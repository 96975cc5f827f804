import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('src/core', () => {
  it('imports nothing from React, the DOM or other layers', () => {
    const forbidden = /from ['"](react|react-dom|zustand|comlink)['"/]|from ['"](\.\.\/)+(ui|state|workers)\//;
    for (const file of sourceFiles('src/core')) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(forbidden);
    }
  });

  it('runs in plain Node', async () => {
    // Loading the modules here, with no DOM globals defined, fails if any touches window or document.
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const scaling = await import('../../../src/core/scaling/index.ts');
    const url = await import('../../../src/core/scenario/url.ts');
    const { scenario } = url.decodeScenario('v=1&model=gpt2');
    expect(scaling.countParameters({ ...(await import('../../../src/core/models/presets.ts')).findModelPreset('gpt2')! }).total).toBe(124_439_808);
    expect(scenario.model).toEqual({ kind: 'preset', id: 'gpt2' });
  });
});
