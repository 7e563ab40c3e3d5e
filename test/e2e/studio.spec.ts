// Studio, Train and Models end to end (issue 9): record two prompts with the
// fake microphone, correct a label, export NeMo JSONL and check the file;
// fine-tune a few steps on a tiny dataset and watch progress, chart and the
// new model in Models; kill the server mid-recording and find the take
// recovered after the restart.
import type { Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeMicLaunchOptions } from './support/fake-mic';
import { expect, test } from './support/fixtures';
import { drawInk } from './support/ink';
import { shipsModel } from './support/models';
import { crash, spawnServer } from './support/server-process';

// looped: every take hears speech
test.use({ launchOptions: fakeMicLaunchOptions({ loop: true }) });

const out = mkdtempSync(join(tmpdir(), 'verbatim-studio-e2e-'));
test.afterAll(() => rmSync(out, { recursive: true, force: true }));

async function createDataset(page: Page, name: string, kind: 'Speech' | 'Ink') {
  await page.getByRole('tab', { name: 'Studio' }).click();
  await page.getByRole('textbox', { name: 'New dataset name' }).fill(name);
  await page
    .getByRole('tabpanel', { name: 'Studio' })
    .locator('label', { hasText: new RegExp(`^${kind}$`) })
    .click();
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.getByTestId('prompt')).not.toBeEmpty();
}

async function recordTake(page: Page, seconds: number) {
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByTestId('take-status')).toContainText('Recording');
  await page.waitForTimeout(seconds * 1000);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByTestId('take-status')).toContainText('Saved');
}

test('record two prompts, correct a label and export NeMo JSONL', async ({ page }, testInfo) => {
  await page.goto('/');
  await createDataset(page, 'my-voice', 'Speech');
  const studio = page.getByRole('tabpanel', { name: 'Studio' });
  await studio.getByRole('textbox', { name: 'Speaker' }).fill('tester');
  const prompt = page.getByTestId('prompt');
  await expect(prompt).toHaveText('zero');

  await recordTake(page, 1.2);
  await expect(page.getByRole('img', { name: 'Waveform of the last take' })).not.toHaveAttribute(
    'data-samples',
    '0',
  );
  // auto-advance unless the take was too quiet or clipped
  if ((await page.getByRole('alert').count()) === 0) await expect(prompt).toHaveText('one');
  else await page.getByRole('button', { name: 'Next prompt' }).click();
  await recordTake(page, 1.2);
  await expect(page.getByTestId('sample-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Play sample 2 “one”' }).click();
  await expect(page.getByRole('img', { name: 'Waveform of the played sample 2' })).toBeVisible();

  // correct the first label
  const label = page.getByTestId('sample-row').first().getByRole('textbox');
  await expect(label).toHaveValue('zero');
  await label.fill('zero oh');
  await label.press('Enter');
  await expect(page.getByTestId('sample-row').first()).toContainText('labelled');

  const file = join(out, 'voice.jsonl');
  await page.getByRole('textbox', { name: 'Export to (optional path)' }).fill(file);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByTestId('transfer-message')).toContainText('Exported 2 samples');
  await page.screenshot({ path: testInfo.outputPath('studio.png'), fullPage: true });
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.map((l) => l.text).sort()).toEqual(['one', 'zero oh']);
  for (const l of lines) {
    expect(l.speaker).toBe('tester');
    expect(l.duration as number).toBeGreaterThan(0.8);
    expect(existsSync(l.audio_filepath as string)).toBe(true);
  }
});

test('fine-tune a few steps in Train and find the model in Models', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await createDataset(page, 'my-digits', 'Ink');
  for (let i = 0; i < 4; i++) {
    await drawInk(page, [
      [
        { x: 10 * i, y: 0 },
        { x: 10 * i + 20, y: 80 },
        { x: 10 * i + 5, y: 90 },
      ],
    ]);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('sample-row')).toHaveCount(i + 1);
  }

  await page
    .getByRole('button', { name: /^Show / })
    .first()
    .click();
  await expect(page.getByRole('img', { name: /^Ink of / })).toBeVisible();

  await page.getByRole('tab', { name: 'Train' }).click();
  const train = page.getByRole('tabpanel', { name: 'Train' });
  // React Aria's inputs are visually hidden: click their labels, as a person would
  await train.locator('label', { hasText: /^Ink$/ }).click();
  await train.locator('label', { hasText: /my-digits/ }).click();
  await expect(train.getByRole('checkbox', { name: /my-digits/ })).toBeChecked();
  const base = shipsModel('digits') ? 'Fine-tune ink-digits' : 'Fresh architecture';
  await train.getByRole('button', { name: /Start from/ }).click();
  await page.getByRole('option', { name: base }).click();
  if (base === 'Fresh architecture')
    await train.getByRole('textbox', { name: 'Hidden size' }).fill('8');
  await train.getByRole('textbox', { name: 'Epochs' }).fill('2');
  await train.getByRole('textbox', { name: 'Validation speakers/writers (%)' }).fill('50');
  await train.getByRole('button', { name: 'Start training' }).click();

  const progress = train.getByRole('progressbar', { name: 'Training progress' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(train.getByRole('status').first()).toContainText('saved as', { timeout: 30_000 });
  const loss = train.getByRole('img', { name: 'Training loss' });
  expect(Number(await loss.getAttribute('data-points'))).toBeGreaterThan(0);
  const rates = train.getByRole('img', { name: 'Validation error rates' });
  await expect(rates).toHaveAttribute('data-points', '2');
  // two validation samples measure nothing: a warning, not a table of 0.0% and 100%
  await expect(train.getByTestId('training-verdict')).toContainText('too few to measure');
  const name = /saved as ([\w.-]+)\./.exec(
    (await train.getByRole('status').first().textContent())!,
  )![1]!;

  await page.screenshot({ path: testInfo.outputPath('train.png'), fullPage: true });
  await page.getByRole('tab', { name: 'Models' }).click();
  const models = page.getByRole('tabpanel', { name: 'Models' });
  await models.getByRole('button', { name: 'Refresh' }).click();
  await expect(models.getByTestId('model-row').filter({ hasText: name })).toContainText(
    'verbatim train',
  );
  await page.screenshot({ path: testInfo.outputPath('models.png'), fullPage: true });

  // a bad file is refused with the reason; the new model exports as ONNX
  await models.locator('input[type=file]').setInputFiles({
    name: 'bad.vbm',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('not a model'),
  });
  await expect(models.getByRole('alert')).toContainText('bad.vbm is not a usable Verbatim model');
  await models.getByRole('button', { name: `Export ${name} as ONNX` }).click();
  await expect(models.getByTestId('models-message')).toContainText(`${name}.onnx`);
});

test('a recording cut off by a crash is recovered after restart', async ({ browser }) => {
  test.setTimeout(60_000);
  const home = mkdtempSync(join(tmpdir(), 'verbatim-crash-e2e-'));
  let server = await spawnServer(home);
  try {
    const page = await browser.newPage({ baseURL: server.url });
    await page.goto('/');
    await createDataset(page, 'crashy', 'Speech');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(page.getByTestId('take-status')).toContainText('Recording');
    await page.waitForTimeout(2000);
    await crash(server);
    await page.close();

    server = await spawnServer(home);
    const again = await browser.newPage({ baseURL: server.url });
    await again.goto('/');
    await again.getByRole('tab', { name: 'Studio' }).click();
    await expect(again.getByRole('status')).toContainText('Recovered 1 recording');
    await again
      .getByRole('button', { name: /Dataset/ })
      .first()
      .click();
    await again.getByRole('option', { name: /crashy/ }).click();
    const row = again.getByTestId('sample-row');
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('textbox')).toHaveValue('zero');
    const seconds = Number(/([\d.]+) s/.exec((await row.textContent())!)![1]);
    expect(seconds).toBeGreaterThan(0.5);
    await again.close();
  } finally {
    server.child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  }
});
