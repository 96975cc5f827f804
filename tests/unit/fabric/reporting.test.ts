import { afterEach, describe, expect, it, vi } from 'vitest';
import { fabricCommand } from '../../../src/cli/commands/fabric.ts';
import { CliError } from '../../../src/cli/args.ts';
import { describeAssumptions } from '../../../src/core/fabric/assumptions.ts';
import { findFabricProblems } from '../../../src/core/fabric/geometry.ts';
import { simulateFabric } from '../../../src/core/fabric/simulate.ts';
import { describeBounds } from '../../../src/core/fabric/waferTiming.ts';
import { parseCoordinate } from '../../../src/ui/fabric/parseCoordinate.ts';
import { formatRatio, maxSeqText, waferTimeText } from '../../../src/ui/fabric/summaryText.ts';
import { timelineData } from '../../../src/ui/fabric/Timeline.tsx';
import { GPT_J, runInput, settingsWith, TINY_MODEL, WSE2 } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

async function runCli(argv: string[]): Promise<string> {
  let text = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  await fabricCommand.run(argv);
  return text;
}

describe('run that does not fit', () => {
  // At s = 16,384 every usable PE of WSE-2 overflows under materialised attention.
  const overflowing = simulateFabric(runInput(GPT_J, settingsWith({}), WSE2, { seq: 16384 })).summary;
  const fitting = simulateFabric(runInput(GPT_J, settingsWith({}), WSE2, { seq: 2048 })).summary;

  it('summary flags fits', () => {
    expect(overflowing.overflowPes).toBe(745_500);
    expect(overflowing.fits).toBe(false);
    expect(fitting.fits).toBe(true);
  });

  it('wafer time is marked not achievable', () => {
    const text = waferTimeText(overflowing);
    expect(text).toMatch(/^does not fit: 745,500 PEs overflow; time shown if it did: /);
    expect(waferTimeText(fitting)).not.toContain('does not fit');
  });

  it('timeline table carries wafer_fits', () => {
    const data = timelineData(overflowing);
    const fitsColumn = data.columns.indexOf('wafer_fits');
    expect(data.columns).toContain('duration_seconds');
    const waferRows = data.rows.filter((row) => row[0] === 'Wafer');
    expect(waferRows).toHaveLength(6);
    for (const row of waferRows) expect(row[fitsColumn]).toBe(false);
  });

  it('CLI JSON has fits false', async () => {
    const summary = JSON.parse(await runCli(['--model', 'gpt-j-6b', '--seq', '16384', '--fabric', 'wse-2', '--json']));
    expect(summary.fits).toBe(false);
    expect(summary.waferSecondsPerLayer.total).toBeGreaterThan(0);
  });

  it('CLI text says it does not fit', async () => {
    const text = await runCli(['--model', 'gpt-j-6b', '--seq', '16384', '--fabric', 'wse-2']);
    expect(text).toContain('The wafer does not fit this run: 745,500 PEs overflow.');
    expect(text).toContain('if it fitted');
    expect(text).toContain('bound by weight streaming');
    expect(text).not.toContain('weightStream');
  });
});

describe('assumption wording', () => {
  it('writes byte counts exactly', () => {
    const input = runInput(GPT_J, settingsWith({}), WSE2, { seq: 2048 });
    const lines = describeAssumptions(input, simulateFabric(input).summary);
    expect(lines.join('\n')).toContain('Each PE has 49,152 bytes of SRAM, keeps 6,144 bytes');
  });

  it('writes a large hop count exactly', () => {
    const parameters = { ...WSE2, cyclesPerHop: 1_000_000 };
    const input = runInput(TINY_MODEL, settingsWith({}), parameters, { seq: 16 });
    const lines = describeAssumptions(input, simulateFabric(input).summary);
    expect(lines.join('\n')).toContain('a hop takes 1,000,000 cycle(s)');
  });
});

describe('SRAM below the fixed bytes', () => {
  it('is rejected naming both values', () => {
    const problems = findFabricProblems({ ...WSE2, sramBytes: 6000 });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('sramBytes');
    expect(problems[0]!.message).toContain('6000');
    expect(problems[0]!.message).toContain('6,144-byte reserve');
  });

  it('accepts SRAM just above them', () => {
    expect(findFabricProblems({ ...WSE2, sramBytes: 6144 + 2048 + 1 })).toHaveLength(0);
  });

  it('CLI rejects it', async () => {
    await expect(runCli(['--model', 'gpt-j-6b', '--seq', '2048', '--fabric', 'wse-2', '--sram', '6000'])).rejects.toThrow(CliError);
  });

  it('no sequence fits reads as words', () => {
    expect(maxSeqText(null)).toBe('none: even one token does not fit');
    expect(maxSeqText(2250)).toBe('2,250 tokens');
    expect(maxSeqText(1_000_000, true)).toBe('at least 1,000,000 tokens');
  });
});

describe('bound wording', () => {
  it('names the bound in words', () => {
    const summary = simulateFabric(runInput(GPT_J, settingsWith({}), WSE2, { seq: 2048 })).summary;
    expect(describeBounds(summary.wafer)).toBe('weight streaming, forward and backward passes');
  });

  it('names each pass when they differ', () => {
    expect(describeBounds({ forward: { bound: 'compute' }, backward: { bound: 'fabric' } })).toBe('compute, forward pass; fabric traffic, backward pass');
  });
});

describe('formatRatio', () => {
  it('separates thousands', () => {
    expect(formatRatio(340_909.09)).toBe('340,909×');
    expect(formatRatio(1234.5)).toBe('1,235×');
  });

  it('keeps a decimal for small ratios', () => {
    expect(formatRatio(2.345)).toBe('2.3×');
    expect(formatRatio(0.35)).toBe('35% of');
  });
});

describe('parseCoordinate', () => {
  it('accepts plain integers in range', () => {
    expect(parseCoordinate('0', 757)).toBe(0);
    expect(parseCoordinate(' 756 ', 757)).toBe(756);
  });

  it.each(['1e2', '0x10', '-1', '1.0', '+5', '', ' ', '757', '1_0'])('rejects %j', (raw) => {
    expect(parseCoordinate(raw, 757)).toBeUndefined();
  });
});
