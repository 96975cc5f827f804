import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './pageErrors.ts';

const status = (page: Page) => page.locator('[data-status]');

test('sweep runs in workers and fills charts', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?view=kernels&ker.k=tiled,window&ker.n=256,512,1024&ker.rep=1&ker.w=64');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  const rows = page.locator('[data-table="kernels"] tbody tr');
  await expect(rows).toHaveCount(6);
  const tiledErrors = await page.locator('tr[data-kernel="tiled"] td:nth-of-type(6)').allTextContents();
  for (const text of tiledErrors) expect(Number(text)).toBeLessThan(1e-5);
  // GFLOP/s appear beside the exact kernel only.
  await expect(page.locator('tr[data-kernel="tiled"] [data-col="gflops"]').first()).not.toHaveText('—');
  await expect(page.locator('tr[data-kernel="window"] [data-col="gflops"]').first()).toHaveText('—');
  const path = await page.locator('[data-chart="kernels-time"] path[data-series="tiled"]').getAttribute('d');
  expect(path?.split('L').length).toBe(3);
  await expect(page.locator('[data-legend="tiled"]').first()).toContainText('slope');
  expect(errors).toEqual([]);
});

test('progress advances and Cancel stops the sweep', async ({ page }) => {
  await page.goto('./?view=kernels&ker.k=dense&ker.n=8192,16384&ker.rep=3');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  const progress = page.locator('progress[data-progress]');
  await expect.poll(async () => Number(await progress.getAttribute('data-progress')), { timeout: 30_000 }).toBeGreaterThan(0.01);
  const before = Number(await progress.getAttribute('data-progress'));
  await expect.poll(async () => Number(await progress.getAttribute('data-progress')), { timeout: 30_000 }).toBeGreaterThan(before);

  const started = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'cancelled', { timeout: 2_000 });
  expect(Date.now() - started).toBeLessThan(1_000);

  // The replaced workers take the next sweep.
  await page.goto('./?view=kernels&ker.k=tiled&ker.n=256&ker.rep=1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
});

test('status names the error measurement', async ({ page }) => {
  // At N = 16,384 the float64 comparison after the timed run takes seconds.
  await page.goto('./?view=kernels&ker.k=tiled&ker.n=16384&ker.rep=1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toContainText('measuring error against float64 attention', { timeout: 30_000 });
  await expect(page.locator('progress[data-progress]')).toHaveAttribute('data-progress', '1.000');
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
});

test('failing kernel is reported and the pool keeps working', async ({ page }) => {
  await page.goto('./?view=kernels&ker.k=test-fail,tiled&ker.n=256,512&ker.rep=1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const failures = page.locator('[data-failure="failed"][data-kernel="test-fail"]');
  await expect(failures).toHaveCount(2);
  await expect(failures.first()).toContainText('test-fail failed at N = 256, d = 64');
  await expect(page.locator('[data-table="kernels"] tbody tr[data-kernel="tiled"]')).toHaveCount(2);
});

test('dense at 65,536 is rejected before it allocates', async ({ page }) => {
  await page.goto('./?view=kernels&ker.k=dense&ker.n=65536&ker.rep=1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 10_000 });
  await expect(page.locator('[data-failure="rejected"]')).toContainText('materialised scores need 16.0 GiB');
  await expect(status(page)).toHaveText('Finished 1 point, 1 without a result (listed below).');
});

test('one N draws a dot per kernel', async ({ page }) => {
  await page.goto('./?view=kernels&ker.k=tiled,window&ker.n=1024&ker.rep=1');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  for (const chart of ['kernels-time', 'kernels-memory', 'kernels-error']) {
    for (const kernel of ['tiled', 'window']) {
      await expect(page.locator(`[data-chart="${chart}"] [data-points="${kernel}"] circle`)).toHaveCount(1);
    }
  }
  // The legend is part of the chart's SVG, so exported files carry it.
  await expect(page.locator('[data-chart="kernels-time"] [data-legend="window"]')).toContainText('Sliding window');
});

test('an invalid field stops the sweep from starting', async ({ page }) => {
  await page.goto('./?view=kernels&ker.k=tiled&ker.n=256,512&ker.rep=1');
  const list = page.locator('[data-field="ker.n"]');
  await list.fill('1024,abc');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.locator('.kernels-runbar [role="alert"]')).toHaveText('Fix N list first: the sweep would run with its last valid value.');
  await expect(list).toBeFocused();
  await expect(status(page)).toHaveAttribute('data-status', 'idle');
  await list.fill('256,1024');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(status(page)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.locator('.kernels-runbar [role="alert"]')).toHaveCount(0);
  await expect(page.locator('[data-table="kernels"] tbody tr')).toHaveCount(2);
});

test('no kernels and unknown kernels are explained', async ({ page }) => {
  await page.goto('./?view=kernels&ker.k=');
  await expect(page.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
  await expect(page.locator('.kernels-runbar')).toContainText('Choose at least one kernel to run a sweep.');
  await page.goto('./?view=kernels&ker.k=foo');
  await expect(page.getByTestId('ignored-notice')).toContainText('kernel ids from dense, tiled, window, hierarchical, lowrank, random-features');
});
