import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/main.ts', 'attention', ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('attention command', { timeout: 60_000 }, () => {
  it('prints timing, memory and errors as JSON', async () => {
    const { code, stdout } = await cli('--kernel', 'tiled', '--n', '512', '--d', '64', '--heads', '2', '--causal', '--input', 'retrieval', '--repeats', '2', '--json');
    expect(code).toBe(0);
    const row = JSON.parse(stdout) as Record<string, number | boolean | string>;
    expect(row.kernel).toBe('tiled');
    expect(row.medianMs).toBeGreaterThan(0);
    expect(row.flops).toBe(4 * 64 * 2 * (512 * 513) / 2);
    expect(row.gflops).toBeCloseTo((row.flops as number) / (row.medianMs as number) / 1e6, 6);
    expect(row.extraBytes).toBeGreaterThan(0);
    expect(row.maxAbsError).toBeLessThan(4e-6);
    expect(row.relFrobError).toBeLessThan(1e-5);
    expect(row.retrievalAccuracy).toBe(1);
  });

  it('rejects dense at 65,536 with the memory it needs', async () => {
    const { code, stderr } = await cli('--kernel', 'dense', '--n', '65536', '--d', '64', '--budget', '1024');
    expect(code).toBe(2);
    expect(stderr).toContain('materialised scores need 16.0 GiB, over the 1.00 GiB memory budget');
  });

  it('names an unknown kernel', async () => {
    const { code, stderr } = await cli('--kernel', 'sparse', '--n', '64', '--d', '8');
    expect(code).toBe(2);
    expect(stderr).toContain('--kernel: "sparse" is invalid; expected one of dense, tiled, window, hierarchical, lowrank, random-features.');
  });
});
