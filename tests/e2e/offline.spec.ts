import { expect, test } from '@playwright/test';

test('every view opens offline after one visit', async ({ page, context }) => {
  await page.goto('./?v=1');
  await expect(page.locator('svg[data-chart="memory"]')).toBeVisible();
  // Wait until the service worker has stored the build and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('svg[data-chart="memory"]')).toBeVisible();
  for (const tab of ['Fabric', 'Kernels', 'Accuracy by position']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel')).not.toContainText('failed');
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading the');
  }
  await context.setOffline(false);
});
