// The shell: every view is reachable by its tab, with the mouse and the keyboard.
import { expect, test } from './support/fixtures';

const VIEWS = ['Dictate', 'Write', 'Studio', 'Train', 'Models'];

test('each view opens from its tab and renders', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Verbatim', level: 1 })).toBeVisible();
  for (const name of VIEWS) {
    const tab = page.getByRole('tab', { name });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toBeVisible();
  }
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByText(/No models are installed yet|Installed models/)).toBeVisible();
});

test('tabs are keyboard reachable', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Dictate' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Write' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('img', { name: 'Handwriting canvas' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Models' })).toHaveAttribute('aria-selected', 'true');
});

test('the page is cross-origin isolated and loads without CSP violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/');
  await expect(page.getByRole('tab', { name: 'Dictate' })).toBeVisible();
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  expect(violations).toEqual([]);
});

test('screenshots of both views at normal and 200% zoom', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start dictation' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dictate.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Write' }).click();
  await expect(page.getByRole('img', { name: 'Handwriting canvas' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('write.png'), fullPage: true });
  // 200% zoom ≈ half the CSS viewport: nothing may need horizontal scrolling.
  await page.setViewportSize({ width: 640, height: 450 });
  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('write-200-percent.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Dictate' }).click();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('dictate-200-percent.png'), fullPage: true });
});

test('light and dark themes follow the system', async ({ page }) => {
  const background = () =>
    page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(22, 24, 29)');
});

test('keyboard focus is visible', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Dictate' }).focus();
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return `${el.textContent} ${getComputedStyle(el).outlineStyle} ${getComputedStyle(el).outlineWidth}`;
  });
  expect(outline).toBe('Start dictation solid 3px');
});
