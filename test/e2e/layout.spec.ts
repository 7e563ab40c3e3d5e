// The visual pass for Dictate, Write and Train (issue 23): the cards reflow
// from 1024 to 1920 px without sideways scrolling; a second dictation counts
// its own audio; one focus ring at a time.
import type { Page } from '@playwright/test';
import { fakeMicLaunchOptions } from './support/fake-mic';
import { expect, test } from './support/fixtures';

test.use({ launchOptions: fakeMicLaunchOptions({ loop: true }) });

const WIDTHS = [1024, 1280, 1440, 1920];
const VIEWS = ['Dictate', 'Write', 'Train'];

/** How far the page scrolls sideways (0 when everything fits). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('Dictate, Write and Train fit every width from 1024 to 1920 px', async ({ page }) => {
  await page.goto('/');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const view of VIEWS) {
      await page.getByRole('tab', { name: view }).click();
      const panel = page.getByRole('tabpanel', { name: view });
      await expect(panel).toBeVisible();
      expect(await overflow(page), `${view} at ${width} px`).toBe(0);
      // every card lies inside the window
      for (const card of await panel.locator('.panel').all()) {
        const box = (await card.boundingBox())!;
        expect(box.x + box.width, `${view} card at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
  }
});

test('one focus ring: none around the whole view, one around a focused select', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Dictate' }).focus();
  const model = page.getByRole('button', { name: /Model/ });
  while (!(await model.evaluate((el) => el === document.activeElement)))
    await page.keyboard.press('Tab');
  const outline = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(await model.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  expect(await outline('.react-aria-Select:has(:focus-visible)')).toBe('none');
  expect(await outline('.react-aria-Tabs')).toBe('none');
});

const sent = async (page: Page) =>
  Number(
    /Sent ([\d.]+) s/.exec((await page.getByTestId('capture-status').textContent()) ?? '')?.[1],
  );

test('each dictation counts the audio it sent', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('capture-status');
  const start = page.getByRole('button', { name: 'Start dictation' });
  const stop = page.getByRole('button', { name: 'Stop dictation' });
  await start.click();
  await expect.poll(() => sent(page), { timeout: 20_000 }).toBeGreaterThan(2);
  await stop.click();
  await expect(status).toContainText('Stopped');
  const first = await sent(page);
  await start.click();
  await expect(status).toContainText('Listening');
  // the second session starts counting from nothing
  expect(await sent(page)).toBeLessThan(first);
  await expect.poll(() => sent(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
  await stop.click();
  await expect(status).toContainText('Stopped');
  expect(await sent(page)).toBeLessThan(first);
});
