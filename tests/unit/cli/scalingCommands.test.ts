import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs the command line as a user would, returning exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('command line', { timeout: 30_000 }, () => {
  it('memory prints the GPT-J anchor figures', async () => {
    const { code, stdout } = await cli('memory', '--model', 'gpt-j-6b', '--seq', '2048,8192', '--no-logits', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { seq: number; totalBytes: number; components: Record<string, number>; fits: Record<string, boolean> }[];
    expect(rows.map((row) => row.seq)).toEqual([2048, 8192]);
    expect(rows[0]!.totalBytes).toBe(114_195_320_320);
    expect(rows[0]!.components.weights! + rows[0]!.components.gradients! + rows[0]!.components.optimizer!).toBe(96_814_124_544);
    expect(rows[0]!.components.activations).toBe(7_985_954_816);
    expect(rows[0]!.components.attention).toBe(9_395_240_960);
    expect(rows[0]!.components.logits).toBe(0);
    expect(rows[0]!.fits).toEqual({ 'a100-80gb': false, 'h100-80gb': false, 'wse-2': true });
    expect(rows[1]!.totalBytes).toBe(279_081_799_168);
  });

  it('memory counts logits by default', async () => {
    const { stdout } = await cli('memory', '--model', 'gpt-j-6b', '--seq', '2048', '--json');
    const [row] = JSON.parse(stdout) as { components: Record<string, number> }[];
    // Final LayerNorm and projection inputs (2 B × h each) and fp32 logits (4 B × V) per token.
    expect(row!.components.logits).toBe(2048 * (2 * 2 * 4096 + 4 * 50400));
  });

  it('memory CSV has units in the header', async () => {
    const { stdout } = await cli('memory', '--model', 'gpt2', '--seq', '1024', '--csv');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^# seqscope memory, GPT-2 small, scenario \?v=1&model=gpt2/);
    expect(lines[1]).toBe('seq_tokens,total_bytes,weights_bytes,gradients_bytes,optimizer_bytes,activations_bytes,attention_bytes,logits_bytes,kvCache_bytes,fits_a100-80gb,fits_h100-80gb,fits_wse-2');
    expect(lines[2]!.split(',')[0]).toBe('1024');
  });

  it('fit prints the longest sequence', async () => {
    const { stdout } = await cli('fit', '--model', 'gpt-j-6b', '--device', 'wse-2', '--no-logits', '--recompute', 'full', '--json');
    expect(JSON.parse(stdout).maxSeq).toBe(174_386);
  });

  it('fit prints null when nothing fits', async () => {
    const { stdout } = await cli('fit', '--model', 'gpt-j-6b', '--device', 'a100-80gb', '--json');
    expect(JSON.parse(stdout).maxSeq).toBeNull();
  });

  it('flops prints the crossover', async () => {
    const { stdout } = await cli('flops', '--model', 'gpt-j-6b', '--seq', '24576', '--json');
    const result = JSON.parse(stdout) as { crossoverSeq: number; rows: { attentionFlops: number; denseFlops: number; hardwareFlops: number; modelFlops: number }[] };
    expect(result.crossoverSeq).toBe(24_576);
    expect(result.rows[0]!.attentionFlops).toBe(result.rows[0]!.denseFlops);
  });

  it('flops counts selective recomputation in hardware FLOPs', async () => {
    const { stdout } = await cli('flops', '--model', 'gpt2', '--seq', '1024', '--recompute', 'selective', '--json');
    const [row] = (JSON.parse(stdout) as { rows: { attentionFlops: number; hardwareFlops: number; modelFlops: number }[] }).rows;
    expect(row!.hardwareFlops - row!.modelFlops).toBe(row!.attentionFlops);
  });

  it('rejects an absurd sequence length', async () => {
    const { code, stderr } = await cli('memory', '--seq', '1000000000000');
    expect(code).toBe(2);
    expect(stderr).toContain('--seq: "1000000000000" is invalid; expected integers from 1 to 1,000,000,000.');
  });

  it('rejects an unknown model', async () => {
    const { code, stderr } = await cli('memory', '--seq', '1024', '--model', 'gpt-5');
    expect(code).toBe(2);
    expect(stderr).toContain('--model: "gpt-5" was not found. Use a preset id from --help, or --config FILE');
  });

  it('rejects --tp that does not divide the heads', async () => {
    const { code, stderr } = await cli('memory', '--seq', '1024', '--model', 'llama-2-7b', '--tp', '3');
    expect(code).toBe(2);
    expect(stderr).toContain("--tp: 3 is invalid; expected a divisor of the model's 32 attention heads.");
  });

  it('rejects --json with --csv', async () => {
    const { code, stderr } = await cli('memory', '--seq', '1024', '--json', '--csv');
    expect(code).toBe(2);
    expect(stderr).toContain('Give either --json or --csv, not both.');
  });

  it('inference flops are one forward pass', async () => {
    const training = JSON.parse((await cli('flops', '--seq', '2048', '--json')).stdout);
    const inference = JSON.parse((await cli('flops', '--seq', '2048', '--inference', '--json')).stdout);
    expect(inference.rows[0].modelFlops * 3).toBe(training.rows[0].modelFlops);
  });

  it('rejects an unknown option', async () => {
    const { code, stderr } = await cli('memory', '--seq', '1024', '--batchsize', '2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--batchsize'/);
  });

  it('reads a config file', async () => {
    const { code, stdout } = await cli('memory', '--config', 'tests/fixtures/configs/gpt2.json', '--seq', '1024', '--json');
    expect(code).toBe(0);
    const preset = await cli('memory', '--model', 'gpt2', '--seq', '1024', '--json');
    expect(JSON.parse(stdout)[0].totalBytes).toBe(JSON.parse(preset.stdout)[0].totalBytes);
  });

  it('reports a broken config file', async () => {
    const { code, stderr } = await cli('memory', '--config', 'tests/fixtures/configs/mixtral.json', '--seq', '1024');
    expect(code).toBe(2);
    expect(stderr).toContain('num_local_experts');
  });

  it('names a missing config file', async () => {
    const { code, stderr } = await cli('memory', '--config', 'tests/fixtures/configs/no-such-file.json', '--seq', '1024');
    expect(code).toBe(2);
    expect(stderr).toContain('--config: cannot read "tests/fixtures/configs/no-such-file.json": no such file. Give the path of a Hugging Face config.json file.');
  });

  it('names a value starting with a dash', async () => {
    const { code, stderr } = await cli('memory', '--model', 'gpt2', '--seq', '-5');
    expect(code).toBe(2);
    expect(stderr).toContain('--seq: "-5" is invalid; a value cannot start with "-" (no option takes a negative number).');
  });

  it('help lists every option with its default', async () => {
    const { code, stdout } = await cli('memory', '--help');
    expect(code).toBe(0);
    for (const option of ['--seq', '--batch', '--recipe', '--recompute', '--attention', '--window', '--tp', '--sp', '--no-logits', '--inference', '--devices', '--json', '--csv']) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toContain('(default: mixed-adam (16 B/param))');
  });
});
