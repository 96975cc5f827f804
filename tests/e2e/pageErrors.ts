import type { Page } from '@playwright/test';

/** Collects the page's console errors and uncaught exceptions from now on, for a test to assert that none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}
