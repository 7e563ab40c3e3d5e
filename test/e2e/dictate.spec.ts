// The Dictate view with Chromium's fake microphone playing a test recording:
// the level meter moves and the audio reaches the back end. Without a speech
// model the view says so inline. When the speech model lands, a spec here
// plays recorded digits (FSDD) and reads the Transcript.
import { CHROMIUM_ARGS } from '../../playwright.config';
import { expect, test } from './support/fixtures';
import { fakeMicWav } from './support/paths';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${fakeMicWav}%noloop`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

const sentSeconds = async (text: string | null) =>
  Number(/Sent ([\d.]+) s/.exec(text ?? '')?.[1] ?? 0);

test('dictation captures the microphone and streams it to the back end', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('capture-status');
  const meter = page.getByRole('meter', { name: 'Input level' });
  await expect(meter).toHaveAttribute('aria-valuenow', '0');

  await page.getByRole('button', { name: 'Start dictation' }).click();
  await expect(page.getByRole('button', { name: 'Stop dictation' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('No speech model is installed yet');

  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')))
    .toBeGreaterThan(30);
  await expect.poll(async () => sentSeconds(await status.textContent())).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await expect(status).toContainText('Stopped. Sent');
  await expect(page.getByRole('button', { name: 'Start dictation' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live text' })).toHaveAttribute(
    'aria-live',
    'polite',
  );
});

test('Hold to talk listens while Space is held on the focused button', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('capture-status');
  await page.getByRole('button', { name: 'Hold to talk' }).focus();
  await page.keyboard.down('Space');
  await expect(status).toContainText('Listening');
  await expect.poll(async () => sentSeconds(await status.textContent())).toBeGreaterThan(0.5);
  await page.keyboard.up('Space');
  await expect(status).toContainText('Stopped. Sent');
});

test('the Dictate view has its named parts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Microphone' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Transcript' })).toBeEditable();
  await expect(page.getByRole('button', { name: 'Transcribe file' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Hotwords' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  for (const name of [
    'Text (.txt)',
    'Subtitles with word timings (.srt)',
    'JSON with words and timings (.json)',
  ]) {
    await expect(page.getByRole('menuitem', { name })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await page.getByText('Help: spoken commands and shortcuts').click();
  await expect(page.getByText('“scratch that”')).toBeVisible();
});

test('typing in the transcript and exporting it as text', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Transcript' }).fill('hello there');
  await page.getByRole('button', { name: 'Export' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Text (.txt)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('transcript.txt');
  const stream = await file.createReadStream();
  let text = '';
  for await (const chunk of stream) text += chunk;
  expect(text).toBe('hello there\n');
});
