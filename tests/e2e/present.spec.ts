import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { encodeDeck } from '../../src/core/scenario/deck.ts';
import { presetScenario, scenarioQuery } from '../../src/core/scenario/url.ts';
import { pngSize, readPngText } from '../../src/ui/export/png.ts';

/** Runs the command line as a user would and parses its JSON output. */
function cli(...args: string[]): unknown {
  return JSON.parse(execFileSync('npm', ['run', '--silent', 'cli', '--', ...args, '--json'], { encoding: 'utf8' }));
}

const foreignRequests: string[] = [];

// Any request that leaves the app's origin fails the test that made it; it is aborted, never sent.
test.beforeEach(async ({ context, baseURL }) => {
  foreignRequests.length = 0;
  const origin = new URL(baseURL!).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
});

test.afterEach(() => {
  expect(foreignRequests).toEqual([]);
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

test('preset link shows the numbers the CLI prints', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./?preset=longest-sequence-gpu-vs-wafer');
  await expect(page.getByTestId('preset-info')).toContainText('Longest trainable sequence: one GPU against the wafer');

  const memory = cli('memory', '--model', 'gpt-j-6b', '--seq', '512,131072') as { seq: number; totalBytes: number }[];
  await expect(page.getByTestId('memory-at-smin')).toHaveAttribute('data-bytes', String(memory[0]!.totalBytes));
  await expect(page.getByTestId('memory-at-smax')).toHaveAttribute('data-bytes', String(memory[1]!.totalBytes));

  for (const device of ['a100-80gb', 'h100-80gb', 'wse-2']) {
    const fit = cli('fit', '--model', 'gpt-j-6b', '--device', device) as { maxSeq: number | null };
    await expect(page.getByTestId(`key-fit-${device}`)).toHaveAttribute('data-tokens', fit.maxSeq === null ? '' : String(fit.maxSeq));
  }
  const wafer = cli('fit', '--model', 'gpt-j-6b', '--device', 'wse-2') as { maxSeq: number };
  await expect(page.getByTestId('key-fit-wse-2')).toContainText(`${wafer.maxSeq.toLocaleString('en-US')} tokens`);
  expect(page.url()).toContain('?v=1&preset=longest-sequence-gpu-vs-wafer');
  expect(errors).toEqual([]);
});

test('Back and Forward restore earlier scenarios', async ({ page }) => {
  await page.goto('./');
  const menu = page.getByTestId('presets-menu');
  await menu.selectOption('attention-crossover');
  await expect(page.getByTestId('preset-info')).toContainText('Where attention compute overtakes');
  // Wait past the 600 ms burst window so the next change makes its own history entry.
  await page.waitForTimeout(800);
  await menu.selectOption('very-long-sequences');
  await expect(page).toHaveURL(/preset=very-long-sequences/);

  await page.goBack();
  await expect(page).toHaveURL(/preset=attention-crossover/);
  await expect(menu).toHaveValue('attention-crossover');
  await expect(page.getByTestId('crossover')).toHaveAttribute('data-tokens', '24576');

  await page.goBack();
  await expect(page).toHaveURL(/\?v=1&preset=gpt-j-figure$/);
  await expect(menu).toHaveValue('gpt-j-figure');
  await expect(page.getByTestId('preset-info')).toContainText('Memory to train GPT-J');

  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/preset=very-long-sequences/);
  await expect(menu).toHaveValue('very-long-sequences');
});

test('two invalid fields are both reported and the rest applies', async ({ page }) => {
  await page.goto('./?preset=gpt-j-figure&b=0&smax=131072&rc=sometimes&dev=wse-2');
  const notice = page.getByTestId('ignored-notice');
  await expect(notice).toContainText('2 settings in the link were ignored');
  await expect(notice.locator('li')).toHaveCount(2);
  await expect(notice).toContainText('b');
  await expect(notice).toContainText('rc');
  await expect(notice).toContainText('sometimes');
  await expect(page.getByTestId('memory-at-smax')).toContainText(/./);
  await expect(page.getByTestId('key-figures')).toContainText('s = 131,072');
  await expect(page.getByTestId('key-fit-wse-2')).toHaveCount(1);
  await expect(page.getByTestId('key-fit-a100-80gb')).toHaveCount(0);
  await expect(page).toHaveURL(/smax=131072&dev=wse-2$/);

  await notice.getByRole('button', { name: /Dismiss/ }).click();
  await expect(notice).toHaveCount(0);
});

test('unknown model and device ids are reported', async ({ page }) => {
  await page.goto('./?model=gpt-99&dev=h100-80gb,gpu-9000');
  const notice = page.getByTestId('ignored-notice');
  await expect(notice).toContainText('gpt-99');
  await expect(notice).toContainText('gpu-9000');
  await expect(page).toHaveURL(/dev=h100-80gb$/);
});

test('markup in a link or a file stays text', async ({ page }) => {
  const errors = watchErrors(page);
  const payload = '<img src=x id=injected onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await page.goto(`./?title=${encodeURIComponent(payload)}&desc=${encodeURIComponent(payload)}`);
  await expect(page.getByTestId('scenario-heading')).toContainText('<img src=x');
  await expect(page.locator('#injected')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.getByTestId('load-scenario').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'seqscope-scenario', version: 1, fields: { title: payload, b: 'many' } })),
  });
  await expect(page.getByTestId('ignored-notice')).toContainText('many');
  await expect(page.locator('#injected')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a deck presents start to end by keyboard and its link reopens it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?preset=attention-crossover');
  const before = page.url();
  await page.getByTestId('deck-button').click();
  await page.getByTestId('add-presets').click();
  const list = page.getByTestId('deck-list').locator('li');
  await expect(list).toHaveCount(7);
  // Put the crossover slide first.
  await page.getByRole('button', { name: 'Move slide 4 up' }).click();
  await page.getByRole('button', { name: 'Move slide 3 up' }).click();
  await page.getByRole('button', { name: 'Move slide 2 up' }).click();
  await expect(list.first()).toContainText('Where attention compute overtakes');

  await page.getByTestId('present').click();
  const counter = page.getByTestId('slide-counter');
  const title = page.getByTestId('slide-title');
  await expect(counter).toHaveText('1 / 7');
  await expect(title).toHaveText('Where attention compute overtakes the dense layers');

  const expectSlide = async (number: number) => expect(counter).toHaveText(`${number} / 7`);
  await page.keyboard.press('ArrowRight');
  await expectSlide(2);
  await page.keyboard.press('Space');
  await expectSlide(3);
  await page.keyboard.press('PageDown');
  await expectSlide(4);
  await page.keyboard.press('ArrowDown');
  await expectSlide(5);
  await page.keyboard.press('PageUp');
  await expectSlide(4);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expectSlide(2);
  await page.keyboard.press('End');
  await expectSlide(7);
  await page.keyboard.press('ArrowRight');
  await expectSlide(7);
  await page.keyboard.press('Home');
  await expectSlide(1);
  await page.keyboard.press('3');
  await expect(counter).toHaveText('Go to slide 3…');
  await page.keyboard.press('Enter');
  await expectSlide(3);
  await page.keyboard.press('a');
  await page.keyboard.press('Tab');
  await expectSlide(3);
  await expect(title).toHaveText('Longest trainable sequence: one GPU against the wafer');

  // A focused control inside the slide does not take keys: the readout's length field ignores typing and Enter.
  const field = page.getByTestId('readout').locator('input');
  await field.focus();
  const value = await field.inputValue();
  await page.keyboard.press('x');
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue(value);
  await expectSlide(3);
  await page.keyboard.press('Space');
  await expectSlide(4);
  await page.keyboard.press('PageUp');
  await expectSlide(3);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
  await expect(page.getByTestId('preset-info')).toContainText('Where attention compute overtakes');
  expect(page.url()).toBe(before);

  await page.getByTestId('deck-button').click();
  await page.getByTestId('copy-deck-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('?deck=');
  const other = await context.newPage();
  await other.goto(link);
  await other.getByTestId('deck-button').click();
  const otherList = other.getByTestId('deck-list').locator('li');
  await expect(otherList).toHaveCount(7);
  expect(await otherList.allInnerTexts()).toEqual(await list.allInnerTexts());
  await expect(other.getByTestId('preset-info')).toContainText('Where attention compute overtakes');
});

test('slides fill a 16:9 screen at 1080p and 4K', async ({ page }) => {
  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('./?preset=gpt-j-figure');
    await page.getByTestId('deck-button').click();
    await page.getByTestId('add-slide').click();
    await page.getByTestId('present').click();
    const box = await page.locator('.slide').boundingBox();
    expect(box!.width).toBeCloseTo(width, 0);
    expect(box!.height).toBeCloseTo(height, 0);
    const fontSize = await page.locator('.slide').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeCloseTo(width / 60, 0);
    const background = await page.locator('.presentation').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
    // A view that computes marks itself busy, and the slide shows that until it is done.
    await expect(page.getByTestId('slide-busy')).toHaveCount(0);
    await page.locator('.slide-fit > *').last().evaluate((element) => element.setAttribute('aria-busy', 'true'));
    await expect(page.getByTestId('slide-busy')).toHaveText('Computing this slide…');
    await page.locator('.slide-body [aria-busy]').evaluate((element) => element.setAttribute('aria-busy', 'false'));
    await expect(page.getByTestId('slide-busy')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('presentation')).toHaveCount(0);
    await page.evaluate(() => localStorage.clear());
  }
});

/** Returns the link of a deck made of the given presets, in order. */
function presetDeckLink(title: string, presetIds: string[]): string {
  return `./${encodeDeck({ title, slides: presetIds.map((id) => scenarioQuery(presetScenario(id)!).slice(1)) })}`;
}

/** Explanatory parts of each view's slide that the audience must see: legends first, then captions and key numbers. */
const SLIDE_PARTS = [
  { preset: 'gpt-j-figure', legend: 'svg[data-chart="memory"] .legend-label', others: ['svg[data-chart="flops"] .legend-label', '.fit-summary', '[data-testid="readout"]'] },
  { preset: 'broadcast-vs-gpu-hop', legend: '.fabric-legend', others: ['.fabric-caption', '.fabric-timeline'] },
  { preset: 'dense-vs-approximate-retrieval', legend: '.kernels-charts svg[data-chart="kernels-time"] .legend-label', others: ['.kernels-charts svg'] },
  { preset: 'accuracy-by-position', legend: '.acc-legend', others: ['svg[data-chart="accuracy-by-position"]'] },
];

/** Imports accuracy by position from a CSV in the Accuracy view, as a presenter without GPT-2's weights would. */
async function importAccuracyCsv(page: Page) {
  await page.getByRole('tab', { name: 'Accuracy by position' }).click();
  const rows = Array.from({ length: 20 }, (_, i) => `${i + 1},${(0.2 + i * 0.01).toFixed(2)},${(0.4 + i * 0.01).toFixed(2)}`);
  await page.getByTestId('csv-import').setInputFiles({ name: 'measured.csv', mimeType: 'text/csv', buffer: Buffer.from(`position,top1,top5\n${rows.join('\n')}\n`) });
  await expect(page.locator('svg[data-chart="accuracy-by-position"]')).toBeVisible();
}

/** Checks that every element the selector matches is visible, inside the viewport and inside the slide body. */
async function expectInsideSlide(page: Page, selector: string) {
  const elements = page.locator(`.slide-body ${selector}`);
  expect(await elements.count(), selector).toBeGreaterThan(0);
  const viewport = page.viewportSize()!;
  const body = (await page.locator('.slide-body').boundingBox())!;
  for (const element of await elements.all()) {
    await expect(element).toBeVisible();
    const box = (await element.boundingBox())!;
    expect(box.x, `${selector} left`).toBeGreaterThanOrEqual(Math.max(0, body.x) - 1);
    expect(box.y, `${selector} top`).toBeGreaterThanOrEqual(Math.max(0, body.y) - 1);
    expect(box.x + box.width, `${selector} right`).toBeLessThanOrEqual(Math.min(viewport.width, body.x + body.width) + 1);
    expect(box.y + box.height, `${selector} bottom`).toBeLessThanOrEqual(Math.min(viewport.height, body.y + body.height) + 1);
  }
}

test('slide legends fit the frame at 1080p and 4K', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  // Height of the first legend entry over the screen height, per preset and screen, to compare 1080p with 4K.
  const legendShare = new Map<string, number>();
  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(presetDeckLink('Legends', SLIDE_PARTS.map((part) => part.preset)));
    await importAccuracyCsv(page);
    await page.getByTestId('header-present').click();
    for (const [i, part] of SLIDE_PARTS.entries()) {
      await expect(page.getByTestId('slide-counter')).toHaveText(`${i + 1} / ${SLIDE_PARTS.length}`);
      await expect(page.getByTestId('slide-busy')).toHaveCount(0, { timeout: 60_000 });
      await expectInsideSlide(page, part.legend);
      for (const selector of part.others) await expectInsideSlide(page, selector);
      await page.screenshot({ path: test.info().outputPath(`${part.preset}-${width}.png`) });
      const box = (await page.locator(`.slide-body ${part.legend}`).first().locator('xpath=(.//*[normalize-space(text())])[1] | self::*[local-name()="text"]').first().boundingBox())!;
      legendShare.set(`${part.preset}-${width}`, box.height / height);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
  }
  // Legend text grows with the slide: the same share of the screen at 4K as at 1080p.
  for (const part of SLIDE_PARTS) {
    expect(legendShare.get(`${part.preset}-3840`)! / legendShare.get(`${part.preset}-1920`)!, part.preset).toBeCloseTo(1, 1);
  }
  expect(errors).toEqual([]);
});

/** Presents a one-slide deck of the wafer preset on a 4K screen and waits for the slide to be drawn. */
async function presentWaferAt4k(page: Page): Promise<void> {
  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.goto(presetDeckLink('Wafer', ['broadcast-vs-gpu-hop']));
  await page.getByTestId('header-present').click();
  await expect(page.getByTestId('slide-busy')).toHaveCount(0, { timeout: 60_000 });
}

test('4K fabric slide draws at screen resolution', async ({ page }) => {
  await presentWaferAt4k(page);
  const heatmap = page.locator('.slide-body [data-testid="fabric-heatmap-canvas"]');
  await expect.poll(() => heatmap.evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBeGreaterThan(2000);
  // The slide zooms a 1920 px layout to the 3840 px screen, so the canvas needs twice its layout width in pixels.
  const sizes = await heatmap.evaluate((canvas: HTMLCanvasElement) => ({ pixels: canvas.width, onScreen: canvas.getBoundingClientRect().width, layout: canvas.offsetWidth }));
  expect(sizes.onScreen / sizes.layout).toBeCloseTo(2, 1);
  expect(Math.abs(sizes.pixels - sizes.onScreen)).toBeLessThanOrEqual(4);
});

test('4K fabric slide pans and zooms under the pointer', async ({ page }) => {
  await presentWaferAt4k(page);
  const heatmap = page.locator('.slide-body .fabric-heatmap');
  await expect(heatmap).toHaveAttribute('data-camera-k', /\d/);
  const camera = async () => {
    const [k, x, y] = await Promise.all(['data-camera-k', 'data-camera-x', 'data-camera-y'].map((name) => heatmap.getAttribute(name)));
    return { k: Number(k), x: Number(x), y: Number(y) };
  };
  const canvas = page.locator('.slide-body [data-testid="fabric-heatmap-canvas"]');
  const box = (await canvas.boundingBox())!;
  const scale = box.width / (await canvas.evaluate((element: HTMLCanvasElement) => element.offsetWidth));
  // Screen position of a point of the fabric, in PE units.
  const onScreen = (view: { k: number; x: number; y: number }, pe: [number, number]) => [box.x + (view.x + pe[0] * view.k) * scale, box.y + (view.y + pe[1] * view.k) * scale];

  // A wheel zoom keeps the PE under the pointer in place.
  const before = await camera();
  const [px, py] = onScreen(before, [300.5, 500.5]);
  await page.mouse.move(px!, py!);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await camera()).k).toBeGreaterThan(before.k * 1.5);
  // The page's minimap would cover the slide's picture, so slides leave it out.
  await expect(page.locator('.slide-body .fabric-minimap')).toBeHidden();
  const zoomed = await camera();
  const [qx, qy] = onScreen(zoomed, [300.5, 500.5]);
  expect(Math.abs(qx! - px!)).toBeLessThan(1);
  expect(Math.abs(qy! - py!)).toBeLessThan(1);

  // A drag moves the fabric as far as the pointer moved.
  await page.mouse.down();
  await page.mouse.move(px! + 200, py! + 100, { steps: 5 });
  await page.mouse.up();
  const dragged = await camera();
  expect((dragged.x - zoomed.x) * scale).toBeCloseTo(200, 0);
  expect((dragged.y - zoomed.y) * scale).toBeCloseTo(100, 0);
});

test('computing slides start unaided', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(presetDeckLink('Computing', ['gpt-j-figure', 'broadcast-vs-gpu-hop', 'dense-vs-approximate-retrieval']));
  await page.getByTestId('header-present').click();
  await expect(page.getByTestId('slide-busy')).toHaveCount(0);
  // From the second slide on, record the slide's visible text on every frame, so that a message shown for one frame is caught.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { slideTexts: string[] }).slideTexts = seen;
    const record = () => {
      const text = (document.querySelector('.slide') as HTMLElement | null)?.innerText ?? '';
      if (seen[seen.length - 1] !== text) seen.push(text);
      requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
  });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slide-counter')).toHaveText('2 / 3');
  await expect(page.getByTestId('slide-busy')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('fabric-heatmap-canvas')).toBeVisible();

  // Without a click on Run sweep, the Kernels slide runs its own sweep and draws every point.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slide-counter')).toHaveText('3 / 3');
  await expect(page.locator('.kernels-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('slide-busy')).toHaveCount(0);
  await expect(page.locator('.kernels-status')).toHaveText('Finished 24 points.');
  await expect(page.locator('.slide-body .kernels-failures')).toHaveCount(0);

  const texts = await page.evaluate(() => (window as unknown as { slideTexts: string[] }).slideTexts);
  const joined = texts.join('\n');
  expect(joined).not.toContain('Waiting for the first simulation');
  expect(joined).not.toContain('Loading this slide');
  expect(joined).not.toContain('Run sweep');
  expect(joined).toContain('Computing this slide…');

  // Back on the Kernels slide after another, the finished sweep shows at once.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('slide-counter')).toHaveText('2 / 3');
  await expect(page.getByTestId('fabric-heatmap-canvas')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.kernels-status')).toHaveText('Finished 24 points.', { timeout: 2_000 });
  await expect(page.getByTestId('slide-busy')).toHaveCount(0);
});

test('slide number past the end is reported', async ({ page }) => {
  await page.goto(presetDeckLink('Four', ['gpt-j-figure', 'attention-crossover', 'very-long-sequences', 'longest-sequence-gpu-vs-wafer']));
  await page.getByTestId('header-present').click();
  await page.keyboard.press('9');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('slide-message')).toHaveText('No slide 9. There are 4 slides.');
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 4');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('slide-counter')).toHaveText('2 / 4');
  await expect(page.getByTestId('slide-message')).toHaveText('');
});

test('shared deck link offers restore', async ({ page }) => {
  await page.goto('./?preset=gpt-j-figure');
  await page.getByTestId('deck-button').click();
  await page.getByTestId('add-slide').click();
  await expect(page.getByTestId('deck-button')).toHaveText('Deck (1)');
  await expect(page.getByTestId('shared-deck-notice')).toHaveCount(0);

  await page.goto(presetDeckLink('Shared talk', ['attention-crossover', 'very-long-sequences']));
  const notice = page.getByTestId('shared-deck-notice');
  await expect(notice).toContainText('The shared deck “Shared talk” (2 slides) is open');
  await expect(notice).toContainText('“Restore my previous deck” brings yours back.');
  await expect(page.getByTestId('deck-button')).toHaveText('Deck (2)');
  await notice.getByRole('button', { name: 'Restore my previous deck' }).click();
  await expect(page.getByTestId('deck-button')).toHaveText('Deck (1)');
  await expect(notice).toHaveCount(0);
});

test('long unbroken title wraps on page and slide', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const word = 'W'.repeat(200);
  await page.goto(`./?preset=gpt-j-figure&title=${word}&desc=${word}`);
  await expect(page.getByTestId('scenario-heading')).toContainText(word);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

  await page.getByTestId('deck-button').click();
  await page.getByTestId('add-slide').click();
  await expect(page.getByTestId('deck-list')).toContainText(word);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.getByTestId('present').click();
  const slide = (await page.locator('.slide').boundingBox())!;
  for (const selector of ['.slide-title', '.slide-caption', 'svg[data-chart="memory"]']) {
    const box = (await page.locator(selector).boundingBox())!;
    expect(box.x + box.width, selector).toBeLessThanOrEqual(slide.x + slide.width + 1);
  }
});

test('exports produce files that parse', async ({ page }) => {
  await page.goto('./?preset=longest-sequence-gpu-vs-wafer');
  await page.getByTestId('preset-info').locator('summary').click();
  const menu = page.getByRole('group', { name: 'Export longest-sequence' });
  const chart = page.locator('svg[data-chart="longest-sequence"]');
  const size = await chart.boundingBox();

  const save = async (format: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), menu.locator(`[data-export="${format}"]`).click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
  };

  const svg = await save('svg');
  expect(svg.name).toBe('seqscope-longest-sequence.svg');
  const svgText = svg.bytes.toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.nodeName, desc: doc.querySelector('desc')?.textContent ?? '' };
  }, svgText);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(parsed.desc).toContain('preset=longest-sequence-gpu-vs-wafer');

  const png = await save('png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const pixels = pngSize(new Uint8Array(png.bytes));
  expect(pixels.width).toBe(Math.round(size!.width) * 2);
  expect(pixels.height).toBe(Math.round(size!.height) * 2);
  expect(readPngText(new Uint8Array(png.bytes)).URL).toContain('preset=longest-sequence-gpu-vs-wafer');

  const csv = (await save('csv')).bytes.toString('utf8').split('\n');
  expect(csv[0]).toMatch(/^# seqscope http:\/\/localhost:\d+\/\?v=1&preset=longest-sequence-gpu-vs-wafer$/);
  expect(csv[1]).toBe('device,capacity_bytes,fixed_bytes,max_seq_tokens');
  const wafer = cli('fit', '--model', 'gpt-j-6b', '--device', 'wse-2') as { maxSeq: number; capacityBytes: number; fixedBytes: number };
  expect(csv).toContain(`wse-2,${wafer.capacityBytes},${wafer.fixedBytes},${wafer.maxSeq}`);

  const json = JSON.parse((await save('json')).bytes.toString('utf8')) as { columns: string[]; rows: unknown[][] };
  expect(json.columns).toEqual(['device', 'capacity_bytes', 'fixed_bytes', 'max_seq_tokens']);
  expect(json.rows).toHaveLength(3);
});

test('scenario file saves and loads back', async ({ page }) => {
  await page.goto('./?preset=very-long-sequences&b=2&title=Appendix');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-scenario').click()]);
  const file = readFileSync((await download.path())!);
  const saved = page.url();

  await page.getByTestId('presets-menu').selectOption('gpt-j-figure');
  await expect(page).toHaveURL(/preset=gpt-j-figure$/);
  await page.getByTestId('load-scenario').setInputFiles({ name: 'appendix.json', mimeType: 'application/json', buffer: file });
  await expect(page).toHaveURL(saved);
  await expect(page.getByTestId('ignored-notice')).toHaveCount(0);

  await page.getByTestId('load-scenario').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":') });
  await expect(page.getByTestId('ignored-notice')).toContainText('not valid JSON');
  await expect(page).toHaveURL(saved);
});

test('theme follows the system until the user picks one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = 'rgb(17, 20, 24)';
  const light = 'rgb(255, 255, 255)';
  expect(await background()).toBe(dark);
  await page.getByTestId('theme-switch').selectOption('light');
  expect(await background()).toBe(light);
  await page.reload();
  expect(await background()).toBe(light);
  await expect(page.getByTestId('theme-switch')).toHaveValue('light');
  await page.getByTestId('theme-switch').selectOption('system');
  expect(await background()).toBe(dark);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe(light);
});

test('built page forbids inline scripts and other origins', async ({ page }) => {
  await page.goto('./');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = new Map(policy!.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  expect(directives.get('connect-src')!.every((source) => ["'self'", 'blob:', 'data:'].includes(source))).toBe(true);
});

test('preset link fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?preset=longest-sequence-gpu-vs-wafer');
  await expect(page.locator('svg[data-chart="memory"]')).toBeVisible();
  await page.getByTestId('preset-info').locator('summary').click();
  await expect(page.locator('svg[data-chart="longest-sequence"]')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
