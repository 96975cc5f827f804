import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { hasPngSignature, pngSize, readPngText } from '../../src/ui/export/png.ts';

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
    // The camera places PEs on the canvas, inside the heatmap's border.
    const box = (await page.getByTestId('fabric-heatmap-canvas').boundingBox())!;
    await page.mouse.move(box.x + view.x + 200.5 * view.k, box.y + view.y + 300.5 * view.k);
    await expect(page.getByTestId('fabric-hover')).toContainText('PE (200, 300)');
    await expect(page.getByTestId('fabric-hover')).toContainText('usable (196, 299)');
    await page.keyboard.press('Tab');
    await page.locator('.fabric-heatmap').focus();
    await page.keyboard.press('+');
    await expect.poll(async () => (await camera(page)).k).toBeCloseTo(view.k * 1.5, 5);
    await page.keyboard.press('0');
    await expect.poll(async () => (await camera(page)).k).toBeCloseTo(view.k, 5);
    // Back at the whole wafer, the margins that the zoomed image covered show the background again.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const corner = await page.getByTestId('fabric-heatmap-canvas').evaluate((canvas: HTMLCanvasElement) => [...canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data.slice(0, 3)]);
    expect(corner).toEqual([27, 31, 36]);
  });

  test('wheel zooms around the pointer and a drag pans', async ({ page }) => {
    await openFabric(page, '');
    const before = await camera(page);
    const box = (await page.getByTestId('fabric-heatmap-canvas').boundingBox())!;
    const at = (view: Camera) => [box.x + view.x + 300.5 * view.k, box.y + view.y + 500.5 * view.k];
    const [px, py] = at(before);
    await page.mouse.move(px!, py!);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await camera(page)).k).toBeGreaterThan(before.k * 1.5);
    const zoomed = await camera(page);
    const [qx, qy] = at(zoomed);
    expect(Math.abs(qx! - px!)).toBeLessThan(1);
    expect(Math.abs(qy! - py!)).toBeLessThan(1);
    await page.mouse.down();
    await page.mouse.move(px! + 120, py! + 60, { steps: 5 });
    await page.mouse.up();
    const dragged = await camera(page);
    expect(dragged.x - zoomed.x).toBeCloseTo(120, 0);
    expect(dragged.y - zoomed.y).toBeCloseTo(60, 0);
    // A drag is not a click, so nothing is pinned.
    await expect(page.getByRole('region', { name: 'Pinned PE' })).toHaveCount(0);
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

  test('view and pin travel in the URL', async ({ page }) => {
    await openFabric(page, '&fab.s=2251');
    const fitted = await camera(page);
    await page.getByLabel('PE column x').fill('4');
    await page.getByLabel('PE row y').fill('101');
    await page.getByRole('button', { name: 'Zoom to PE' }).click();
    await expect.poll(async () => (await camera(page)).k).toBe(64);
    // Zoom to PE centres the PE, so the view's centre is the middle of PE (4, 101).
    await expect(page).toHaveURL(/fab\.cam=4\.5,101\.5,\d/);
    // Changes less than 600 ms apart share one history entry; the pin gets its own.
    await page.waitForTimeout(700);
    const box = (await page.locator('.fabric-heatmap').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(/fab\.pin=4,101/);

    await page.reload();
    await expect(page.getByTestId('fabric-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    // The zoom is written to four significant digits, so the scale comes back within 0.05%.
    await expect.poll(async () => Math.abs((await camera(page)).k - 64)).toBeLessThan(0.032);
    await expect(page.getByRole('region', { name: 'Pinned PE' })).toContainText('PE (4, 101)');

    // Back removes the pin, then the zoom.
    await page.goBack();
    await expect(page.getByRole('region', { name: 'Pinned PE' })).toHaveCount(0);
    await page.goBack();
    await expect.poll(async () => (await camera(page)).k).toBeCloseTo(fitted.k, 5);
    await expect(page).not.toHaveURL(/fab\.cam/);
  });

  test('a double-click zooms and keeps the pin', async ({ page }) => {
    await openFabric(page, '&fab.cam=100.5,200.5,10&fab.pin=100,200');
    const before = await camera(page);
    const box = (await page.getByTestId('fabric-heatmap-canvas').boundingBox())!;
    await page.mouse.dblclick(box.x + before.x + 110.5 * before.k, box.y + before.y + 205.5 * before.k);
    await expect.poll(async () => (await camera(page)).k).toBeCloseTo(before.k * 2, 3);
    // Longer than a click waits before it pins.
    await page.waitForTimeout(600);
    await expect(page).toHaveURL(/fab\.pin=100,200/);
    await expect(page.getByRole('region', { name: 'Pinned PE' })).toContainText('PE (100, 200)');
  });

  test('a view off the fabric is explained', async ({ page }) => {
    await openFabric(page, '&fab.cam=2000,10,50');
    const note = page.locator('.fabric-offview');
    await expect(note).toContainText('The view is centred on (2000, 10), outside this 757 × 996 fabric.');
    await note.getByRole('button', { name: 'Show the whole wafer' }).click();
    await expect(note).toHaveCount(0);
    await expect(page).not.toHaveURL(/fab\.cam/);
    await expect(page.getByRole('region', { name: 'Pinned PE' })).toHaveCount(0);
  });

  test('a pin outside the fabric is explained', async ({ page }) => {
    await openFabric(page, '&fab.pin=2000,10');
    const pinned = page.getByRole('region', { name: 'Pinned PE' });
    await expect(pinned).toContainText('This PE lies outside the 757 × 996 fabric now shown.');
    await pinned.getByRole('button', { name: 'Unpin' }).click();
    await expect(pinned).toHaveCount(0);
    await expect(page).not.toHaveURL(/fab\.pin/);
  });

  test('invalid SRAM is reported and the result kept', async ({ page }) => {
    await openFabric(page, '');
    await page.getByLabel('SRAM per PE').fill('-5');
    await expect(page.getByRole('alert').filter({ hasText: 'fab.sram' })).toContainText('SRAM per PE (fab.sram): "-5" is invalid; expected an integer from 1');
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

test.describe('Fabric view reporting', () => {
  test('a run that does not fit marks the wafer time', async ({ page }) => {
    await openFabric(page, '&fab.s=16384');
    await expect(page.getByTestId('fabric-overflow-pes')).toHaveText('745,500 of 745,500');
    const waferTime = page.getByTestId('fabric-wafer-time');
    await expect(waferTime).toHaveAttribute('data-fits', 'false');
    await expect(waferTime).toContainText('does not fit: 745,500 PEs overflow; time shown if it did:');
    await expect(page.getByTestId('fabric-timeline-no-fit')).toBeVisible();
    await expect(page.getByTestId('fabric-timeline-no-fit')).toContainText('Does not fit: 745,500 PEs overflow');
    await expect(page.getByTestId('fabric-timeline-caption')).toContainText('no valid comparison');

    await page.getByLabel('Sequence length s').fill('2048');
    await expect(waferTime).toHaveAttribute('data-fits', 'true');
    await expect(page.getByTestId('fabric-timeline-no-fit')).toHaveCount(0);
    await expect(page.getByTestId('fabric-timeline-caption')).toContainText('bound by weight streaming, forward and backward passes');
  });

  test('SRAM below the reserve is rejected', async ({ page }) => {
    await openFabric(page, '');
    await page.getByLabel('SRAM per PE').fill('6000');
    const status = page.getByTestId('fabric-status');
    await expect(status).toHaveAttribute('data-status', 'error');
    await expect(status).toContainText('sramBytes: 6000 is invalid');
    await expect(status).toContainText('6,144-byte reserve');
    await expect(page.getByTestId('fabric-max-seq')).toHaveText('2,250 tokens');
    await expect(page.locator('.fabric-view')).not.toContainText('none tokens');
  });

  test('zoom to PE accepts only plain integers', async ({ page }) => {
    await openFabric(page, '');
    const before = await camera(page);
    for (const raw of ['1e2', '0x10', '757']) {
      await page.getByLabel('PE column x').fill(raw);
      await page.getByLabel('PE row y').fill('10');
      await page.getByRole('button', { name: 'Zoom to PE' }).click();
      await expect(page.getByRole('form', { name: 'Zoom to a PE' }).getByRole('alert')).toHaveText(`x: "${raw}" is invalid; expected a whole number from 0 to 756 (fabric columns, reserved included).`);
    }
    expect(await camera(page)).toEqual(before);
    await expect(page.getByLabel('Broadcast source')).toBeVisible();
    await expect(page.locator('label[for="fabric-fab-src"]')).toContainText('usable PE x,y up to 749,993');
  });

  test('exports the heatmap PNG with the scenario URL', async ({ page }) => {
    await openFabric(page, '&fab.s=2251');
    const menu = page.getByRole('group', { name: 'Export fabric-heatmap' });
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="png"]').click()]);
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    expect(hasPngSignature(bytes)).toBe(true);
    const canvasSize = await page.getByTestId('fabric-heatmap-canvas').evaluate((canvas: HTMLCanvasElement) => ({ width: canvas.width, height: canvas.height }));
    // The colour legend is drawn in a 56-pixel band under the heatmap.
    expect(pngSize(bytes)).toEqual({ width: canvasSize.width, height: canvasSize.height + 56 });
    const url = readPngText(bytes).URL!;
    expect(url).toContain('view=fabric');
    expect(url).toContain('fab.s=2251');
  });

  test('exports the timeline numbers as CSV', async ({ page }) => {
    await openFabric(page, '&fab.s=16384');
    const menu = page.getByRole('group', { name: 'Export fabric-timeline' });
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator('[data-export="csv"]').click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^# seqscope http:\/\/localhost:\d+\/.*fab\.s=16384/);
    expect(lines[1]).toBe('system,lane,bar,start_seconds,duration_seconds,wafer_fits');
    expect(lines.filter((line) => line.startsWith('Wafer,'))).toHaveLength(6);
    for (const line of lines.filter((line) => line.startsWith('Wafer,'))) expect(line.endsWith(',false')).toBe(true);
  });

  test('marks the view busy while simulating', async ({ page }) => {
    // A 2,500 × 2,500 custom fabric takes a few hundred milliseconds to simulate.
    await page.goto('./?view=fabric&fab.id=custom&fab.cols=2500&fab.rows=2500');
    await expect(page.locator('.fabric-view')).toHaveAttribute('aria-busy', 'true');
    await expect(page.getByTestId('fabric-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.locator('.fabric-view')).toHaveAttribute('aria-busy', 'false');
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
