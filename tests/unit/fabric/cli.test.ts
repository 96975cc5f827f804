import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../../src/cli/args.ts';
import { fabricCommand } from '../../../src/cli/commands/fabric.ts';

function captureStdout(): { text: () => string } {
  let text = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return { text: () => text };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('fabric command', () => {
  it('prints the summary as JSON', async () => {
    const output = captureStdout();
    const code = await fabricCommand.run(['--model', 'gpt-j-6b', '--seq', '2251', '--fabric', 'wse-2', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(output.text());
    expect(summary.overflowPes).toBe(263);
    expect(summary.peakBytesPerPe).toBe(52208);
    expect(summary.maxSeqNoOverflow).toBe(2250);
    expect(summary.storedActivationBytes).toBe(20_127_613_632);
    expect(summary.waferSecondsPerLayer.forward.bound).toBe('weightStream');
    expect(summary.gpuSecondsPerLayer.forward.communication).toBeGreaterThan(0);
    expect(summary.simulateMs).toBeGreaterThan(0);
  });

  it('applies fabric parameter options', async () => {
    const output = captureStdout();
    await fabricCommand.run(['--model', 'gpt-j-6b', '--seq', '2048', '--fabric', 'wse-2', '--sram', '40960', '--attention', 'tiled', '--json']);
    const summary = JSON.parse(output.text());
    expect(summary.sramBytes).toBe(40960);
    expect(summary.maxSeqNoOverflow).toBeLessThan(3976);
  });

  it('rejects an invalid parameter with its range', async () => {
    await expect(fabricCommand.run(['--model', 'gpt-j-6b', '--seq', '2048', '--fabric', 'wse-2', '--sram=0'])).rejects.toThrow(CliError);
    await expect(fabricCommand.run(['--model', 'gpt-j-6b', '--seq', '2048', '--fabric', 'wse-2', '--sram=0'])).rejects.toThrow(/--sram: "0" is invalid; expected an integer from 1/);
  });

  it('requires --seq and --fabric', async () => {
    await expect(fabricCommand.run(['--model', 'gpt-j-6b', '--fabric', 'wse-2'])).rejects.toThrow(/--seq is required/);
    await expect(fabricCommand.run(['--model', 'gpt-j-6b', '--seq', '10'])).rejects.toThrow(/--fabric is required/);
  });
});
