// File pickers in the browser mode (issue 23): the page cannot name a path,
// so an import uploads the picked files and an export is offered as a
// download; a model export downloads too. (The desktop app uses the system's
// dialogs through the validated chooseFile call instead.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { burstSignal, encodeWav16 } from './support/wav';
import { expect, test } from './support/fixtures';
import { shipsModel } from './support/models';
import { projectRoot } from './support/paths';

const wav = (seconds: number) => encodeWav16(burstSignal(seconds, 16_000), 16_000);

test('import uploaded files and download the export', async ({ page }) => {
  await page.goto('/#studio');
  const studio = page.getByRole('tabpanel', { name: 'Studio' });
  await studio.getByRole('textbox', { name: 'New dataset name' }).fill('Uploaded clips');
  await studio.getByRole('button', { name: 'Create dataset' }).click();
  await expect(studio.getByTestId('prompt')).toHaveText('zero');

  // "Folder of WAVs with transcripts": two clips, each with its .txt
  const chooser = page.waitForEvent('filechooser');
  await studio.getByRole('button', { name: 'Upload files…' }).click();
  await (
    await chooser
  ).setFiles([
    { name: 'a.wav', mimeType: 'audio/wav', buffer: wav(0.5) },
    { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('seven three\n') },
    { name: 'b.wav', mimeType: 'audio/wav', buffer: wav(0.7) },
    { name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from('four\n') },
  ]);
  await expect(studio.getByTestId('upload-message')).toHaveText('Uploaded 4 files: press Import.');
  const from = studio.getByRole('textbox', { name: /Import from/ });
  await expect(from).toHaveValue(/uploads/);
  await studio.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(studio.getByTestId('transfer-message')).toContainText('Imported 2 samples');
  await expect(studio.getByTestId('sample-row')).toHaveCount(2);
  // the upload is removed once imported: its path leaves the field
  await expect(from).toHaveValue('');
  await expect(studio.getByTestId('upload-message')).toHaveText(
    'Imported the uploaded 4 files; upload again to import more.',
  );
  await expect(studio.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  await studio.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(studio.getByTestId('transfer-message')).toContainText('Exported 2 samples');
  const download = page.waitForEvent('download');
  await studio.getByRole('button', { name: 'Download the export' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  expect(lines.map((l) => (JSON.parse(l) as { text: string }).text).sort()).toEqual([
    'four',
    'seven three',
  ]);
});

test('import an uploaded folder (speakers as subfolders)', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'verbatim-upload-e2e-'));
  try {
    for (const [speaker, clip, text] of [
      ['ann', 'c1', 'five'],
      ['bo', 'c2', 'six seven'],
      ['bo', 'c3', 'eight'],
    ] as const) {
      mkdirSync(join(root, 'clips', speaker), { recursive: true });
      writeFileSync(join(root, 'clips', speaker, `${clip}.wav`), wav(0.4));
      writeFileSync(join(root, 'clips', speaker, `${clip}.txt`), text);
    }
    await page.goto('/#studio');
    const studio = page.getByRole('tabpanel', { name: 'Studio' });
    await studio.getByRole('textbox', { name: 'New dataset name' }).fill('Uploaded folder');
    await studio.getByRole('button', { name: 'Create dataset' }).click();
    await expect(studio.getByTestId('prompt')).toHaveText('zero');
    const chooser = page.waitForEvent('filechooser');
    await studio.getByRole('button', { name: 'Upload folder…' }).click();
    await (await chooser).setFiles(join(root, 'clips'));
    await expect(studio.getByTestId('upload-message')).toHaveText(
      'Uploaded 6 files: press Import.',
    );
    const from = studio.getByRole('textbox', { name: /Import from/ });
    await expect(from).toHaveValue(/clips$/);
    const uploaded = await from.inputValue();
    await studio.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(studio.getByTestId('transfer-message')).toContainText('Imported 3 samples');
    await expect(from).toHaveValue('');
    await expect(studio.getByTestId('upload-message')).toHaveText(
      'Imported the uploaded folder clips; upload again to import more.',
    );
    // the removed upload, named again, is refused with what to do
    await from.fill(uploaded);
    await studio.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(studio.getByRole('alert')).toContainText(
      'These uploaded files were already imported and their copy removed; upload them again',
    );
    await expect(studio.getByTestId('sample-row')).toHaveCount(3);
    await studio.getByRole('button', { name: /Speaker/ }).click();
    await expect(page.getByRole('option', { name: 'bo' })).toBeVisible();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a model export downloads in the browser', async ({ page }) => {
  test.skip(!shipsModel('digits'), 'needs the shipped ink-digits model');
  await page.goto('/#models');
  const models = page.getByRole('tabpanel', { name: 'Models' });
  const download = page.waitForEvent('download');
  await models.getByRole('button', { name: 'Export ink-digits as VBM' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('ink-digits.vbm');
  expect(
    readFileSync(await saved.path()).equals(
      readFileSync(join(projectRoot, 'assets/models/ink-digits.vbm')),
    ),
  ).toBe(true);
  await expect(models.getByTestId('models-message')).toContainText('downloaded as ink-digits.vbm');
});
