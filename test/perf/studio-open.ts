// How long the Studio takes to open a big dataset, and to search and page it,
// in Debian's Chromium against the browser mode (a program, not a test: it
// prints timings). Build the renderer first (`npx electron-vite build`), then
//   npx tsx test/perf/studio-open.ts [samples=100000] [rounds=3]
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { writeScaleDataset } from '../e2e/support/scale-dataset';
import { spawnServer } from '../e2e/support/server-process';

const samples = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const count = samples.toLocaleString('en-US');

const home = mkdtempSync(join(tmpdir(), 'verbatim-perf-'));
writeScaleDataset(home, samples);
const server = await spawnServer(home);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (let round = 1; round <= rounds; round++) {
    // a new context each round: nothing remembered, the dataset is chosen again
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/#studio');
    const studio = page.getByRole('tabpanel', { name: 'Studio' });
    const status = studio.getByTestId('page-status');
    const timed = async (
      what: string,
      act: () => Promise<unknown>,
      done: () => Promise<unknown>,
    ) => {
      const t0 = performance.now();
      await act();
      await done();
      return `${what} ${(performance.now() - t0).toFixed(0)} ms`;
    };
    await studio.getByRole('button', { name: /Dataset/ }).click();
    const results = [
      await timed(
        'open',
        () => page.getByRole('option', { name: /FSDD copy/ }).click(),
        async () => {
          await studio.getByRole('heading', { name: `Samples (${count})` }).waitFor();
          await status.filter({ hasText: `1–25 of ${count}` }).waitFor();
        },
      ),
      await timed(
        'next page',
        () => studio.getByRole('button', { name: 'Next page' }).click(),
        () => status.filter({ hasText: `26–50 of ${count}` }).waitFor(),
      ),
      await timed(
        'search',
        () => studio.getByRole('searchbox', { name: 'Search labels' }).fill('seven three'),
        () => status.filter({ hasText: /^1–25 of [\d,]+ \(page 1 of/ }).waitFor(),
      ),
    ];
    console.log(`round ${round}: ${results.join(', ')}`);
    await context.close();
  }
  console.log(
    `${count} samples; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
}
