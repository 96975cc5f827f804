import { expect, test, type Page } from '@playwright/test';

// Overflowing PEs are drawn in this colour (orange, rgb 230 85 13) in the memory metric.
const OVERFLOW_RGB = [230, 85, 13];

interface Camera {
  k: number;
  x: number;
  y: number;
}

async function openFabric(page: Page, query: string): Promise<void> {
  await page.goto(`./?view=fabric${query}`);
  await expect(page.getByTestId('fabric-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // The camera attributes appear with the first drawn frame.
  await expect(page.locator('.fabric-heatmap')).toHaveAttribute('data-camera-k', /\d/);
}

async function camera(page: Page): Promise<Camera> {
  const heatmap = page.locator('.fabric-heatmap');
  const [k, x, y] = await Promise.all(['data-camera-k', 'data-camera-x', 'data-camera-y'].map((name) => heatmap.getAttribute(name)));
  return { k: Number(k), x: Number(x), y: Number(y) };
}

/**
 * Reads the heatmap canvas at the first device pixel whose centre lies inside
 * PE (x, y): the drawn level's cells are at least one device pixel wide, so
 * that pixel belongs to the PE's cell.
 */
async function pixelAtPe(page: Page, pe: { x: number; y: number }): Promise<number[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const view = await camera(page);
  return page.evaluate(
    ({ view, pe }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=fabric-heatmap-canvas]')!;
      const dpr = canvas.width / canvas.clientWidth;
      const firstPixel = (world: number, offset: number) => Math.ceil(dpr * (world * view.k + offset) - 0.5);
      const data = canvas.getContext('2d')!.getImageData(firstPixel(pe.x, view.x), firstPixel(pe.y + 0.5, view.y), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!];
    },
    { view, pe },
  );
}

test.describe('Fabric view', () => {
  test('renders WSE-2 for GPT-J with its assumptions', async ({ page }) => {
    await openFabric(page, '');
    await expect(page.getByTestId('fabric-heatmap-canvas')).toBeVisible();
    await expect(page.getByTestId('fabric-overflow-pes')).toHaveText('0 of 745,500');
    await expect(page.getByTestId('fabric-max-seq')).toHaveText('2,250 tokens');
    await expect(page.getByRole('region', { name: 'Assumptions' }).getByRole('listitem').first()).toContainText('757 × 996 PEs');
    await expect(page.getByRole('img', { name: 'Timeline of one layer on the wafer and on the GPU cluster' })).toBeVisible();
    const pixel = await pixelAtPe(page, { x: 300, y: 500 });
    expect(pixel).not.toEqual([27, 31, 36]);
  });

  test('overflowing PE shows the overflow colour zoomed out and in', async ({ page }) => {
    // At s = 2,251 usable rows 0–262 contain 3 tokens and only usable column 0 contains 4 keys: those PEs overflow.
    await openFabric(page, '&fab.s=2251');
    await expect(page.getByTestId('fabric-overflow-pes')).toHaveText('263 of 745,500');
    // Fabric column 4 is usable column 0 (4 reserved west columns); fabric row 101 is usable row 100.
    expect(await pixelAtPe(page, { x: 4, y: 101 })).toEqual(OVERFLOW_RGB);
    expect(await pixelAtPe(page, { x: 300, y: 101 })).not.toEqual(OVERFLOW_RGB);

    await page.getByLabel('PE column x').fill('4');
    await page.getByLabel('PE row y').fill('101');
    await page.getByRole('button', { name: 'Zoom to PE' }).click();
    await expect.poll(async () => (await camera(page)).k).toBe(64);
    expect(await pixelAtPe(page, { x: 4, y: 101 })).toEqual(OVERFLOW_RGB);
    expect(await pixelAtPe(page, { x: 5, y: 101 })).not.toEqual(OVERFLOW_RGB);
  });

  test('hover shows the coordinates of the PE under the pointer', async ({ page }) => {
    await openFabric(page, '');
    const view = await camera(page);
    const box = (await page.locator('.fabric-heatmap').boundingBox())!;
    await page.mouse.move(box.x + view.x + 200.5 * view.k, box.y + view.y + 300.5 * view.k);
    await expect(page.getByTestId('fabric-hover')).toContainText('PE (200, 300)');
    await expect(page.getByTestId('fabric-hover')).toContainText('usable (196, 299)');
    await page.keyboard.press('Tab');
    await page.locator('.fabric-heatmap').focus();
    await page.keyboard.press('+');
    await expect.poll(async () => (await camera(page)).k).toBeCloseTo(view.k * 1.5, 5);
    await page.keyboard.press('0');
    await expect.poll(async () => (await camera(page)).k).toBeCloseTo(view.k, 5);
  });

  test('click pins a PE with its memory breakdown', async ({ page }) => {
    await openFabric(page, '&fab.s=2251');
    await page.getByLabel('PE column x').fill('4');
    await page.getByLabel('PE row y').fill('101');
    await page.getByRole('button', { name: 'Zoom to PE' }).click();
    await expect.poll(async () => (await camera(page)).k).toBe(64);
    const box = (await page.locator('.fabric-heatmap').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const pinned = page.getByRole('region', { name: 'Pinned PE' });
    await expect(pinned).toContainText('PE (4, 101)');
    await expect(pinned).toContainText('Holds 3 tokens, 6 features and 4 keys.');
    // 3 × 6 × 952 + 3 × 4 × 2,240 + 6,144 + 2,048 = 52,208 bytes, 106.2% of 49,152.
    await expect(pinned.getByRole('row', { name: /Used of/ })).toContainText('106.2%');
  });

  test('invalid SRAM is reported and the result kept', async ({ page }) => {
    await openFabric(page, '');
    await page.getByLabel('SRAM per PE').fill('-5');
    await expect(page.getByRole('alert').filter({ hasText: 'fab.sram' })).toContainText('fab.sram: "-5" is invalid; expected an integer from 1');
    await expect(page.getByTestId('fabric-status')).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('fabric-overflow-pes')).toHaveText('0 of 745,500');
    await page.getByLabel('SRAM per PE').fill('40960');
    await expect(page.getByTestId('fabric-max-seq')).not.toHaveText('2,250 tokens');
    await expect(page).toHaveURL(/fab\.sram=40960/);
  });

  test('a second scenario cancels the running simulation', async ({ page }) => {
    // A 2,500 × 2,500 custom fabric takes a few hundred milliseconds to simulate, so a switch made as soon
    // as the controls appear lands while it runs.
    await page.goto('./?view=fabric&fab.id=custom&fab.cols=2500&fab.rows=2500');
    await page.getByLabel('Fabric preset').selectOption('wse-2');
    await expect(page.getByTestId('fabric-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('fabric-status')).toContainText('1 earlier run was cancelled');
    await expect(page.getByTestId('fabric-overflow-pes')).toHaveText('0 of 745,500');
  });
});

test.describe('Fabric view at device pixel ratio 2', () => {
  test.use({ deviceScaleFactor: 2 });

  test('draws at device resolution', async ({ page }) => {
    await openFabric(page, '&fab.s=2251');
    const sizes = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=fabric-heatmap-canvas]')!;
      return { width: canvas.width, clientWidth: canvas.clientWidth };
    });
    expect(sizes.width).toBe(2 * sizes.clientWidth);
    expect(await pixelAtPe(page, { x: 4, y: 101 })).toEqual(OVERFLOW_RGB);
  });
});
