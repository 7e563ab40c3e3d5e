// "Write numbers as digits" (issue 23): on by default, dictated numbers,
// dates, times and amounts are written as people write them, spoken commands
// still act, spelled letters and digits stay as said; switched off, the
// recognized words come through unchanged.
import type { Page } from '@playwright/test';
import { cannedDictation, cannedWord } from './support/canned-dictation';
import { fakeMicLaunchOptions } from './support/fake-mic';
import { expect, test } from './support/fixtures';

test.use({ launchOptions: fakeMicLaunchOptions({ loop: true }) });

const said = (text: string) => ({
  text,
  words: text.split(' ').map((w, i) => cannedWord(w, 0.4 * i)),
  nbest: [],
});

/** Dictates once; the canned recognizer hears `text`. */
async function dictate(page: Page, text: string, partialShown: string) {
  next = said(text);
  await page.getByRole('button', { name: 'Start dictation' }).click();
  await expect(page.getByRole('region', { name: 'Live text' })).toHaveText(partialShown, {
    timeout: 10_000,
  });
  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await expect(page.getByTestId('capture-status')).toContainText('Stopped');
}
let next = said('');

test('numbers are written as digits by default, and as words when switched off', async ({
  page,
}) => {
  await cannedDictation(page, { partial: 'seven three', result: () => next });
  await page.goto('/');
  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  const words = page.getByRole('list', { name: 'Recognized words and their timings' });
  const digits = page.getByRole('switch', { name: 'Write numbers as digits' });
  await expect(digits).toBeChecked();

  // partial text is written the same way
  await dictate(
    page,
    'meet me march fifth at three thirty p m period bring five dollars new line',
    '73',
  );
  await expect(transcript).toHaveValue('Meet me March 5 at 3:30 PM. Bring $5\n');
  // a merged word spans the words it was said as: "three thirty p m period", 2.0 s to 3.9 s
  await expect(words.getByRole('listitem').nth(5)).toHaveText('3:30 PM.');
  expect(await words.getByRole('listitem').nth(5).getAttribute('title')).toMatch(/^2\.00–3\.90 s/);

  await dictate(page, 'code b seven three', '73');
  await expect(transcript).toHaveValue('Meet me March 5 at 3:30 PM. Bring $5\nCode b seven three');

  await page.locator('label', { hasText: 'Write numbers as digits' }).click();
  await expect(digits).not.toBeChecked();
  await transcript.fill('');
  await dictate(page, 'seven three', 'seven three');
  await expect(transcript).toHaveValue('Seven three');
});
