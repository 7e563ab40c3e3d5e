// Studio at real sizes (issue 23): a dataset of 2,600 samples is shown a page
// at a time (the page stays within a few screen heights and no wider than
// the window from 1024 to 1920 px), search narrows it, rows are named by
// their place and label, a reload keeps the tab and the dataset, and
// dataset names may hold spaces.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { writeScaleDataset } from './support/scale-dataset';
import { spawnServer, type ServerProcess } from './support/server-process';

const SAMPLES = 2600;

let home: string;
let server: ServerProcess;
test.beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'verbatim-scale-e2e-'));
  writeScaleDataset(home, SAMPLES);
  server = await spawnServer(home);
});
test.afterAll(() => {
  server.child.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
});

async function expectFits(page: Page) {
  const { width, height } = page.viewportSize()!;
  const size = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
  }));
  expect(size.width).toBeLessThanOrEqual(width);
  expect(size.height).toBeLessThanOrEqual(4 * height);
}

test('2,600 samples: paged, searchable, within the window', async ({ browser }, testInfo) => {
  const page = await browser.newPage({
    baseURL: server.url,
    viewport: { width: 1024, height: 800 },
  });
  await page.goto('/#studio');
  const studio = page.getByRole('tabpanel', { name: 'Studio' });
  await studio.getByRole('button', { name: /Dataset/ }).click();
  await page.getByRole('option', { name: /FSDD copy/ }).click();
  await expect(studio.getByRole('heading', { name: 'Samples (2,600)' })).toBeVisible();
  const rows = studio.getByTestId('sample-row');
  await expect(rows).toHaveCount(25);
  await expect(studio.getByTestId('page-status')).toHaveText('1–25 of 2,600 (page 1 of 104)');
  await expectFits(page);
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await expectFits(page);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // rows are named by place and label, not by internal ids
  await expect(
    rows.nth(1).getByRole('button', { name: 'Delete sample 2 “one zero”' }),
  ).toBeVisible();
  await expect(studio.getByRole('button', { name: /clip-/ })).toHaveCount(0);

  await studio.getByRole('button', { name: 'Next page' }).click();
  await expect(studio.getByTestId('page-status')).toHaveText('26–50 of 2,600 (page 2 of 104)');
  await expect(rows.first().getByRole('textbox')).toHaveValue('five two');

  await studio.getByRole('searchbox', { name: 'Search labels' }).fill('SEVEN THREE');
  // "seven three" (i = 37 + 100k) and the long first label
  await expect(studio.getByTestId('page-status')).toHaveText('1–25 of 27 (page 1 of 2)');
  await expect(rows.first().getByRole('textbox')).toHaveValue(/^seven three seven three/);
  await expectFits(page);
  await page.screenshot({ path: testInfo.outputPath('studio-2600.png'), fullPage: true });

  // a reload keeps the tab and the dataset
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Studio' })).toHaveAttribute('aria-selected', 'true');
  await expect(studio.getByRole('heading', { name: 'Samples (2,600)' })).toBeVisible();
  await page.close();
});

test('an empty Studio says what to do; names may hold spaces', async ({ browser }) => {
  // its own empty VERBATIM_HOME: other specs of this worker leave datasets behind
  const empty = mkdtempSync(join(tmpdir(), 'verbatim-empty-e2e-'));
  const fresh = await spawnServer(empty);
  try {
    const page = await browser.newPage({ baseURL: fresh.url });
    await page.goto('/#studio');
    const studio = page.getByRole('tabpanel', { name: 'Studio' });
    await expect(studio).toContainText('You have no datasets yet');
    const name = studio.getByRole('textbox', { name: 'New dataset name' });
    await name.fill('Anna / Bo');
    await studio.getByRole('button', { name: 'Create dataset' }).click();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(studio).toContainText('except slashes');
    await expect(name).toHaveValue('Anna / Bo');

    await name.fill("Anna's voice");
    await studio.getByRole('button', { name: 'Create dataset' }).click();
    await expect(studio.getByRole('button', { name: /Dataset/ })).toContainText("Anna's voice");
    await expect(studio.getByTestId('prompt')).toHaveText('zero');
    await expect(name).toHaveValue('');
  } finally {
    fresh.child.kill('SIGTERM');
    rmSync(empty, { recursive: true, force: true });
  }
});
