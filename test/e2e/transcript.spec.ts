// One transcript (issue 23): what the Transcript box shows is what the word
// list lists and what .txt, .srt and .json contain, after dictation, after the
// user edits the text and after clearing it; file results mark unsure words.
import type { Page } from '@playwright/test';
import { cannedDictation, cannedWord, downloaded } from './support/canned-dictation';
import { fakeMicLaunchOptions } from './support/fake-mic';
import { expect, test } from './support/fixtures';
import { fakeMicWav } from './support/paths';

test.use({ launchOptions: fakeMicLaunchOptions({ loop: false }) });

const LOW = 'Unsure: low confidence. Check this word.';

const exportAs = async (page: Page, name: string) => {
  await page.getByRole('button', { name: 'Export' }).click();
  return downloaded(page, () => page.getByRole('menuitem', { name }).click());
};
const exportAll = async (page: Page) => ({
  txt: await exportAs(page, 'Text (.txt)'),
  srt: await exportAs(page, 'Subtitles with word timings (.srt)'),
  json: JSON.parse(await exportAs(page, 'JSON with words and timings (.json)')) as {
    transcript: string;
    words: { word: string; start: number; typed: boolean; unsure: boolean; why?: string[] }[];
  },
});

test('an edited transcript exports what is shown', async ({ page }) => {
  await cannedDictation(page, {
    partial: 'the quick',
    result: {
      text: 'the quick brown fox period',
      words: [
        cannedWord('the', 0.1),
        cannedWord('quick', 0.5, 0.4),
        cannedWord('brown', 0.9),
        cannedWord('fox', 1.3),
        cannedWord('period', 1.7),
      ],
      nbest: [],
    },
  });
  await page.goto('/');
  const transcript = page.getByRole('textbox', { name: 'Transcript' });
  const words = page.getByRole('list', { name: 'Recognized words and their timings' });
  await page.getByRole('button', { name: 'Start dictation' }).click();
  await expect(page.getByRole('region', { name: 'Live text' })).toHaveText('the quick', {
    timeout: 10_000,
  });
  await page.getByRole('button', { name: 'Stop dictation' }).click();
  await expect(transcript).toHaveValue('The quick brown fox.');
  await expect(words.getByRole('listitem')).toHaveText(['The', 'quick', 'brown', 'fox.']);

  // Delete "brown" and type a word at the end, as a person would.
  await transcript.click();
  await page.keyboard.press('End');
  for (let i = 0; i < ' fox.'.length; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < ' brown'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('End');
  await page.keyboard.type(' Jumps.');
  await expect(transcript).toHaveValue('The quick fox. Jumps.');
  await expect(words.getByRole('listitem')).toHaveText(['The', 'quick', 'fox.', 'Jumps.']);
  await expect(words.locator('.low-confidence')).toHaveText(['quick']);
  await expect(words.locator('.typed')).toHaveText(['Jumps.']);
  // Said to assistive technology too: the unsure word is a button described by why.
  const quick = words.locator('.low-confidence').getByRole('button');
  await expect(quick).toHaveAccessibleName('quick');
  await expect(quick).toHaveAccessibleDescription(LOW);

  const edited = await exportAll(page);
  expect(edited.txt).toBe('The quick fox. Jumps.\n');
  expect(edited.srt).toBe('1\n00:00:00,100 --> 00:00:02,000\nThe quick fox. Jumps.\n');
  expect(edited.json.transcript).toBe('The quick fox. Jumps.');
  expect(edited.json.words.map((w) => [w.word, w.start, w.typed])).toEqual([
    ['The', 0.1, false],
    ['quick', 0.5, false],
    ['fox.', 1.3, false],
    ['Jumps.', 2, true],
  ]);
  // Each word says whether the recognizer is unsure of it, as the list marks it
  // (the active model may spell these words as heard too), and why.
  const marked = await words
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((i) => i.classList.contains('low-confidence') || i.classList.contains('spelled')),
    );
  expect(edited.json.words.map((w) => w.unsure)).toEqual(marked);
  expect(edited.json.words[1]!.why).toContain('low-confidence');
  expect(edited.json.words[3]).toMatchObject({ typed: true, unsure: false });

  // Clearing the transcript clears the words and every export.
  await transcript.fill('');
  await expect(words).toHaveCount(0);
  const cleared = await exportAll(page);
  expect(cleared).toEqual({ txt: '', srt: '', json: { transcript: '', words: [] } });
});

/** Transcribes the fake microphone's file, the recognizer unsure of its second word; its result. */
async function transcribeUnsure(page: Page) {
  await page.route('**/api/transcribeAudio', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        ok: true,
        value: {
          text: 'yes no',
          words: [cannedWord('yes', 0.1), cannedWord('no', 0.5, 0.4)],
          nbest: [],
        },
      }),
    }),
  );
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Transcribe file' }).click();
  await (await chooser).setFiles(fakeMicWav);
  return page.getByRole('article').filter({ hasText: 'fake-mic.wav' });
}

test('file results mark the words the recognizer is unsure of, in the text and the list', async ({
  page,
}) => {
  const result = await transcribeUnsure(page);
  const unsure = result.locator('.marked-text .low-confidence');
  await expect(unsure).toHaveText('no');
  const button = result
    .getByRole('list', { name: 'Words in fake-mic.wav' })
    .getByRole('button', { name: /Play “no”.*low: check this word/ });
  // visibly marked: the wavy underline reaches the button itself
  for (const marked of [unsure, button]) {
    expect(await marked.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('wavy');
  }

  // Not only drawn: the word in the text is a button described by why, and
  // pressing it shows why, with its timing and confidence.
  await expect(unsure).toHaveAccessibleName('no');
  await expect(unsure).toHaveAccessibleDescription(LOW);
  await unsure.click();
  const note = page.getByRole('dialog', { name: LOW });
  await expect(note).toContainText('0.50–0.80 s, confidence 40%');
  // Escape hides it and returns to the word, with a visible focus ring; Enter shows it again.
  await page.keyboard.press('Escape');
  await expect(note).toBeHidden();
  await expect(unsure).toBeFocused();
  expect(await unsure.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(note).toBeVisible();
  await page.keyboard.press('Escape');

  // Selected and copied, the text is its words alone.
  const copied = await result.locator('.marked-text').evaluate((text) => {
    const range = document.createRange();
    range.selectNodeContents(text);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return getSelection()!.toString();
  });
  expect(copied).toBe('yes no');
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('tapping a word the recognizer is unsure of shows why', async ({ page }) => {
    const result = await transcribeUnsure(page);
    await result.locator('.marked-text .low-confidence').tap();
    await expect(page.getByRole('dialog', { name: LOW })).toContainText('confidence 40%');
  });
});
