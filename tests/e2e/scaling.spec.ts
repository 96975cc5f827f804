import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './pageErrors.ts';

/** Runs the project's command line and parses its JSON output. */
function cli<T>(...args: string[]): T {
  const output = execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return JSON.parse(output) as T;
}

/** Collects console errors and uncaught exceptions for the page's lifetime. */
async function readTotalBytes(page: Page, seq: number): Promise<number> {
  const input = page.getByTestId('readout-seq-input');
  await input.fill(String(seq));
  await expect(page.getByTestId('readout-seq')).toHaveText(String(seq));
  const text = await page.getByTestId('readout-total-bytes').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

test('app loads without console errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await expect(page.locator('svg[data-chart="memory"]')).toBeVisible();
  await expect(page.locator('svg[data-chart="flops"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('GPT-J total at 2048 matches the CLI', async ({ page }) => {
  const [row] = cli<{ seq: number; totalBytes: number }[]>('memory', '--model', 'gpt-j-6b', '--seq', '2048', '--no-logits', '--json');
  expect(row!.totalBytes).toBe(114_195_320_320);
  await page.goto('./?v=1&model=gpt-j-6b&logits=0');
  expect(await readTotalBytes(page, 2048)).toBe(row!.totalBytes);
});

test('default scenario matches the CLI defaults', async ({ page }) => {
  const rows = cli<{ seq: number; totalBytes: number }[]>('memory', '--seq', '1000,8192', '--json');
  await page.goto('./?v=1');
  for (const row of rows) expect(await readTotalBytes(page, row.seq)).toBe(row.totalBytes);
});

test('longest-fit labels match the CLI', async ({ page }) => {
  await page.goto('./?v=1&model=gpt-j-6b&logits=0');
  const fit = cli<{ maxSeq: number | null }>('fit', '--model', 'gpt-j-6b', '--device', 'wse-2', '--no-logits', '--json');
  expect(fit.maxSeq).toBe(3444);
  await expect(page.getByTestId('fit-wse-2')).toHaveAttribute('data-max-seq', '3444');
  await expect(page.getByTestId('fit-a100-80gb')).toHaveAttribute('data-max-seq', 'none');
  await expect(page.getByTestId('fit-a100-80gb')).toContainText('does not fit at any length');
  await expect(page.locator('svg[data-chart="memory"] [data-marker="wse-2"]')).toContainText('3,444');
});

test('changing the model updates the fits', async ({ page }) => {
  await page.goto('./?v=1');
  await expect(page.getByTestId('fit-a100-80gb')).toHaveAttribute('data-max-seq', 'none');
  await page.getByTestId('model-select').selectOption('gpt2');
  const fit = cli<{ maxSeq: number | null }>('fit', '--model', 'gpt2', '--device', 'a100-80gb', '--json');
  await expect(page.getByTestId('fit-a100-80gb')).toHaveAttribute('data-max-seq', String(fit.maxSeq));
  await expect(page.locator('svg[data-chart="memory"] [data-marker="a100-80gb"]')).toHaveCount(fit.maxSeq! <= 65536 ? 1 : 0);
  expect(page.url()).toContain('model=gpt2');
});

test('adding a device adds its capacity line and fit', async ({ page }) => {
  await page.goto('./?v=1&model=gpt2');
  await expect(page.getByTestId('fit-h200')).toHaveCount(0);
  await page.locator('input[data-device="h200"]').check();
  const fit = cli<{ maxSeq: number | null }>('fit', '--model', 'gpt2', '--device', 'h200', '--json');
  await expect(page.getByTestId('fit-h200')).toHaveAttribute('data-max-seq', String(fit.maxSeq));
  await expect(page.locator('svg[data-chart="memory"] [data-rule*="h200"]')).toHaveCount(1);
});

test('invalid batch shows a message and keeps the chart', async ({ page }) => {
  await page.goto('./?v=1&model=gpt2');
  const before = await page.getByTestId('fit-a100-80gb').getAttribute('data-max-seq');
  const batch = page.locator('input[data-field="b"]');
  await batch.fill('0');
  await expect(page.getByRole('alert').filter({ hasText: 'Micro-batch b' })).toContainText('expected an integer from 1 to 1,000,000');
  await expect(page.getByTestId('fit-a100-80gb')).toHaveAttribute('data-max-seq', before!);
  await batch.fill('4');
  await expect(page.getByTestId('fit-a100-80gb')).not.toHaveAttribute('data-max-seq', before!);
  expect(page.url()).toContain('b=4');
});

test('config.json import sets a custom model', async ({ page }) => {
  await page.goto('./?v=1');
  await page.getByRole('button', { name: 'Import config.json' }).click();
  await page.getByLabel('or paste it').fill(readFileSync('tests/fixtures/configs/llama-2-70b.json', 'utf8'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('model-facts')).toContainText('68,976,648,192');
  expect(page.url()).toContain('model=custom');
});

test('broken config.json lists its problems', async ({ page }) => {
  await page.goto('./?v=1');
  await page.getByRole('button', { name: 'Import config.json' }).click();
  await page.getByLabel('or paste it').fill('{"model_type": "llama", "hidden_size": 4096, "num_attention_heads": 7}');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const errors = page.getByTestId('config-errors');
  await expect(errors).toContainText('num_hidden_layers is missing');
  await expect(errors).toContainText('a divisor of hidden_size (4096)');
  await expect(page.getByTestId('model-facts')).toContainText('6,050,882,784');
});

test('table shows the same numbers', async ({ page }) => {
  await page.goto('./?v=1&model=gpt-j-6b&logits=0');
  await page.getByRole('button', { name: 'Show the numbers as a table' }).click();
  const row = page.getByTestId('scaling-table').locator('tr', { has: page.locator('th', { hasText: /^2,048$/ }) });
  await expect(row.locator('td').nth(5)).toHaveAttribute('title', '114,195,320,320 bytes');
});

test('memory CSV export matches the CLI', async ({ page }) => {
  await page.goto('./?v=1&model=gpt2&smin=1024&smax=4096&pts=3');
  const menu = page.getByRole('group', { name: 'Export memory' });
  const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text.trim().split('\n');
  expect(lines[0]).toMatch(/^# .*model=gpt2/);
  expect(lines[1]).toBe('seq_tokens,weights_bytes,gradients_bytes,optimizer_bytes,logits_bytes,activations_bytes,kvCache_bytes,attention_bytes,total_bytes,on_wafer_bytes');
  const rows = cli<{ seq: number; totalBytes: number }[]>('memory', '--model', 'gpt2', '--seq', '1024,2048,4096', '--json');
  for (const [i, row] of rows.entries()) {
    const cells = lines[i + 2]!.split(',');
    expect(Number(cells[0])).toBe(row.seq);
    expect(Number(cells[8])).toBe(row.totalBytes);
  }
});

test('formulas and sources are on the page', async ({ page }) => {
  await page.goto('./?preset=gpt-j-figure');
  const formulas = page.getByTestId('formulas');
  await formulas.getByText('How each number is computed, and its sources').click();
  await expect(formulas).toContainText('arXiv 2205.05198');
  await expect(formulas).toContainText('72·b·s·L·h²·(1 + s/(6h) + V/(12·h·L))');
  // Timing on a device that is not drawn is pointed out.
  await page.goto('./?preset=gpt-j-figure&dev=h100-80gb');
  await expect(page.getByTestId('compute-device-note')).toContainText('which is not among the devices drawn above');
});

test('a fit beyond the trained context is marked', async ({ page }) => {
  // GPT-2 was trained on 1,024 tokens; on an H100 with tiled attention far longer sequences fit in memory.
  await page.goto('./?model=gpt2&dev=h100-80gb&attn=tiled');
  await expect(page.getByTestId('beyond-context-h100-80gb')).toContainText("beyond the model's trained context of 1,024 tokens");
  // GPT-J's published figure: 3,444 tokens fit on WSE-2, past its 2,048-token context; nothing fits on an A100.
  await page.goto('./?preset=gpt-j-figure');
  await expect(page.getByTestId('beyond-context-wse-2')).toContainText('context of 2,048 tokens');
  await expect(page.getByTestId('beyond-context-a100-80gb')).toHaveCount(0);
});
