import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchErrors } from './pageErrors.ts';

const fixture = 'tests/fixtures/gpt2-tiny';

test('empty state asks for GPT-2 weights', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?view=accuracy');
  await expect(page.getByTestId('accuracy-empty')).toContainText('You supply the weights');
  await expect(page.getByTestId('text-source')).toContainText('Persuasion by Jane Austen');
  expect(errors).toEqual([]);
});

test('tiny GPT-2 loads, runs and draws the chart', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?view=accuracy&acc.windows=4&acc.passages=3');
  await expect(page.getByTestId('text-source')).toContainText('characters');
  await page.getByTestId('model-files').setInputFiles([`${fixture}/config.json`, `${fixture}/model.safetensors`]);
  await expect(page.getByTestId('model-summary')).toContainText('2 layers, hidden size 64, 4 heads, context 32 tokens');
  // The preview server sends COOP and COEP headers, so on a machine with two or more cores a helper thread shares the weights.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('model-summary')).toContainText(cores > 1 ? 'matrix products on 2 threads' : 'matrix products on one thread');

  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('run-progress')).toContainText('3 of 3 passages done');

  const chart = page.locator('svg[data-chart="accuracy-by-position"]');
  await expect(chart).toBeVisible();
  const lines = chart.locator('path[data-series]');
  await expect(lines).toHaveCount(4);
  for (const key of ['full context-top1', 'full context-top5', 'window 4-top1', 'window 4-top5']) {
    const d = await chart.locator(`path[data-series="${key}"]`).getAttribute('d');
    // 32 positions give a path of 32 points: one M and 31 L commands.
    expect(d?.match(/L/g)?.length).toBe(31);
  }
  await expect(page.locator('.acc-table tbody tr').first()).toContainText('3');
  expect(errors).toEqual([]);
});

test('truncated weights are rejected with the tensor named', async ({ page }) => {
  await page.goto('./?view=accuracy');
  const bytes = readFileSync(`${fixture}/model.safetensors`);
  await page.getByTestId('model-files').setInputFiles([
    { name: 'config.json', mimeType: 'application/json', buffer: readFileSync(`${fixture}/config.json`) },
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, bytes.length - 1000) },
  ]);
  await expect(page.getByTestId('model-error')).toContainText('truncated');
  await expect(page.getByTestId('model-error')).toContainText(/Tensor "h\.1\.[a-z_.]+": its data ends at byte/);
  await expect(page.getByTestId('accuracy-empty')).toBeVisible();
});

test('imported CSV is drawn without a model', async ({ page }) => {
  await page.goto('./?view=accuracy&acc.smooth=1');
  const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},${(0.2 + i * 0.01).toFixed(2)},${(0.4 + i * 0.01).toFixed(2)}`);
  await page.getByTestId('csv-import').setInputFiles({ name: 'medium.csv', mimeType: 'text/csv', buffer: Buffer.from(`position,top1,top5\n${rows.join('\n')}\n`) });
  const chart = page.locator('svg[data-chart="accuracy-by-position"]');
  await expect(chart.locator('path[data-series]')).toHaveCount(2);
  await expect(chart.locator('path[data-series="medium (imported)-top1"]')).toHaveAttribute('d', /^M.*(L.*){19}$/);
  await expect(page.locator('.acc-table')).toContainText('20.0%');
});

test('bad CSV is reported with its line', async ({ page }) => {
  await page.goto('./?view=accuracy');
  await page.getByTestId('csv-import').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('position,top1\n1,0.2\n2,55\n') });
  await expect(page.getByRole('alert')).toContainText('bad.csv: Line 3, column "top1": "55" is invalid');
  await expect(page.getByTestId('accuracy-empty')).toBeVisible();
});

test('model URL on another origin is rejected before any request', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto('./?view=accuracy');
  await page.getByLabel('Or a URL on this site').fill('http://127.0.0.1:9/gpt2/model.safetensors');
  await page.getByRole('button', { name: 'Load…' }).click();
  await expect(page.getByRole('alert')).toContainText('http://127.0.0.1:9 is another site');
  expect(requests.filter((url) => url.includes(':9/'))).toEqual([]);
});

test('missing model URL is reported after confirmation', async ({ page }) => {
  await page.goto('./?view=accuracy');
  await page.getByLabel('Or a URL on this site').fill('missing/model.safetensors');
  await page.getByRole('button', { name: 'Load…' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Download /missing/model.safetensors and the config.json beside it?');
  await page.getByRole('button', { name: 'Download' }).click();
  // The preview server returns the app's index.html for unknown paths.
  await expect(page.getByTestId('model-error')).toContainText('Loading /missing/config.json failed: the server returned an HTML page, not the file');
});
