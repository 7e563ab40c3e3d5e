// The Write view's Vocabulary (Words mode), as Dictate's: with a list, only
// its words and phrases come out, none marked as spelled as heard, and the
// view says a list is on. Real UNIPEN
// handwriting of lab "art", held out of the words model's training
// (scripts/recipes/unipen-heldout.json), drawn with the mouse and read by the
// shipped words model, as in write-unsure.spec.ts.
import type { Page } from '@playwright/test';
import type { VocabularyEntry } from '../../src-common/api';
import { decodeWire } from '../../src-common/api-wire';
import { expect, test } from './support/fixtures';
import { drawInk } from './support/ink';
import { shipsModel } from './support/models';
import { unipenRoot, unipenSamples, type InkSample } from './support/unipen';

const hasWordsModel = shipsModel('words');

test.describe('the Vocabulary in Words mode', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await page.getByRole('tab', { name: 'Write' }).click();
    await page.getByText('Words', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Words' })).toBeChecked();
  });

  const write = (page: Page) => page.getByRole('tabpanel', { name: 'Write' });

  /** Draws the sample and waits until the view has read all of it. */
  const read = async (page: Page, sample: InkSample) => {
    await drawInk(page, sample.strokes);
    const recognized = write(page).getByRole('status', { name: 'Recognized text' });
    const n = sample.strokes.length;
    await expect(write(page).getByTestId('stroke-count')).toHaveText(
      `${n} stroke${n === 1 ? '' : 's'}`,
    );
    await expect(recognized).toHaveText(/\S/, { timeout: 20_000 });
    await expect(recognized).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    return recognized;
  };

  test('is set in Words mode only, says when it is on, and is remembered apart from Dictate’s', async ({
    page,
  }) => {
    const field = write(page).getByRole('textbox', { name: 'Vocabulary' });
    const note = write(page).getByTestId('vocabulary-note');
    await expect(write(page).getByText('Leave empty to read any words.')).toBeVisible();
    await expect(note).toHaveCount(0);
    await field.fill('# the line\ncheck\nthe\nperformance.:1');
    await expect(write(page).getByRole('alert')).toHaveCount(0);
    await expect(
      write(page).getByText('Only these 3 words and phrases can be recognized.'),
    ).toBeVisible();
    // Beside the reading: a list is on, and the reading is described by it.
    await expect(note).toHaveText('Vocabulary on: only its 3 words and phrases can be read.');
    await expect(
      write(page).getByRole('status', { name: 'Recognized text' }),
    ).toHaveAccessibleDescription('Vocabulary on: only its 3 words and phrases can be read.');
    // A bad line is named, as Dictate names it.
    await field.fill('check\nthe:lots');
    await expect(write(page).getByRole('alert')).toHaveText(
      /^Vocabulary line 2: "lots" is not a weight: write WORD or WORD:NUMBER/,
    );
    await expect(note).toHaveCount(0);
    await field.fill('check\nthe');
    // Digits and letters are read as before: no list there.
    await page.getByText('Digits', { exact: true }).click();
    await expect(write(page).getByRole('textbox', { name: 'Vocabulary' })).toHaveCount(0);
    await expect(note).toHaveCount(0);
    await page.getByText('Words', { exact: true }).click();
    await expect(note).toHaveText('Vocabulary on: only its 2 words and phrases can be read.');
    // Remembered across restarts, and not Dictate's list.
    await page.reload();
    await page.getByRole('tab', { name: 'Write' }).click();
    await page.getByText('Words', { exact: true }).click();
    await expect(field).toHaveValue('check\nthe');
    await page.getByRole('tab', { name: 'Dictate' }).click();
    await expect(page.getByRole('textbox', { name: 'Vocabulary' })).toHaveValue('');
    await page.getByRole('tab', { name: 'Write' }).click();
    await write(page).getByRole('button', { name: 'Clear vocabulary' }).click();
    await expect(note).toHaveCount(0);
  });

  test('a typed list is taken once typing pauses, not at each keystroke; Clear applies at once', async ({
    page,
  }) => {
    // The lists the view opens handwriting sessions with and has the model check, as their phrases.
    const sent = { openInk: [] as (string[] | null)[], checkInkVocabulary: [] as string[][] };
    page.on('request', (request) => {
      const method = request.url().split('/api/')[1];
      if (method !== 'openInk' && method !== 'checkInkVocabulary') return;
      const { vocabulary } = decodeWire(request.postDataBuffer()!) as {
        vocabulary: VocabularyEntry[] | null;
      };
      const phrases = vocabulary?.map((e) => e.phrase) ?? null;
      if (method === 'openInk') sent.openInk.push(phrases);
      else sent.checkInkVocabulary.push(phrases!);
    });
    const field = write(page).getByRole('textbox', { name: 'Vocabulary' });
    const typed = 'check\nthe\nperformance.';
    await field.pressSequentially(typed);
    const list = ['check', 'the', 'performance.'];
    await expect.poll(() => sent.openInk.at(-1)).toEqual(list);
    await expect.poll(() => sent.checkInkVocabulary.at(-1)).toEqual(list);
    // Each of the 22 keys makes a new list: one session (and check) for each
    // would be 22. A stall of the machine mid-typing may let a partial list through.
    expect(sent.openInk.filter((l) => l !== null).length).toBeLessThan(5);
    expect(sent.checkInkVocabulary.length).toBeLessThan(5);

    // A comment leaves the list as it was: no new session or check.
    const before = { opened: sent.openInk.length, checked: sent.checkInkVocabulary.length };
    await field.pressSequentially('\n# from the form');
    await page.waitForTimeout(1_000); // well past the pause a typed list waits
    expect({ opened: sent.openInk.length, checked: sent.checkInkVocabulary.length }).toEqual(
      before,
    );

    // Cleared, the list is dropped at once, not after a pause: typing straight
    // after it, a session without a list was opened all the same.
    const opened = sent.openInk.length;
    await write(page).getByRole('button', { name: 'Clear vocabulary' }).click();
    await field.pressSequentially('yes');
    await expect.poll(() => sent.openInk.at(-1)).toEqual(['yes']);
    expect(sent.openInk[opened]).toBeNull();
  });

  test('an entry the model cannot write is named with what to write instead; nothing is read until it is fixed', async ({
    page,
  }) => {
    test.skip(!hasWordsModel, 'no words model is shipped yet (assets/models.json)');
    const field = write(page).getByRole('textbox', { name: 'Vocabulary' });
    await field.fill('the\ncafé\nperformance.');
    await expect(write(page).getByRole('alert')).toHaveText(
      /^Vocabulary: "café" uses "é", not in the model's alphabet \(.*\): write it as "cafe" \([\w-]+\)\.$/,
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(write(page).getByTestId('vocabulary-note')).toHaveText(
      'Nothing is read until the vocabulary is fixed or cleared.',
    );
    await field.fill('the\ncafe\nperformance.');
    await expect(write(page).getByRole('alert')).toHaveCount(0);
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(write(page).getByTestId('vocabulary-note')).toHaveText(
      'Vocabulary on: only its 3 words and phrases can be read.',
    );
  });

  test.describe('real handwriting', () => {
    test.skip(!unipenRoot, 'the UNIPEN data is not available: set VERBATIM_DATA_DIR');
    test.skip(!hasWordsModel, 'no words model is shipped yet (assets/models.json)');
    const line = () =>
      unipenSamples('8/art/art01tst.dat', 30).find((s) => s.label === 'check the performance.')!;

    test('with a list, only its words come out: a line read without "check" when it is not listed, whole once it is, and as listed for "verify = check"', async ({
      page,
    }) => {
      test.setTimeout(90_000); // a few hundred mouse moves on a busy machine
      const field = write(page).getByRole('textbox', { name: 'Vocabulary' });
      const listed = ['the', 'performance.', 'a', 'beatle', 'car?', 'you', 'are'];
      await field.fill(listed.join('\n'));
      const recognized = await read(page, line());
      const words = ((await recognized.textContent()) ?? '').split(' ');
      expect(words).not.toContain('check');
      for (const word of words) expect(listed).toContain(word);
      // Listed words are the user's: none is marked as spelled as heard.
      await expect(recognized.locator('.word.spelled')).toHaveCount(0);

      // The same ink is read again with the new list.
      await field.fill('check\nthe\nperformance.');
      await expect(recognized).toHaveText('check the performance.', { timeout: 20_000 });
      await expect(recognized).toHaveAttribute('aria-busy', 'false');
      await expect(recognized.locator('.word.spelled')).toHaveCount(0);

      // WRITTEN = AS WRITTEN BY HAND: the hand writes "check", the list has it
      // come out "verify" (a user's word, so not marked as spelled).
      await field.fill('verify = check\nthe\nperformance.');
      await expect(recognized).toHaveText('verify the performance.', { timeout: 20_000 });
      await expect(recognized.locator('.word')).toHaveText(['verify', 'the', 'performance.']);
      await expect(recognized.locator('.word.spelled')).toHaveCount(0);
    });

    test('a listed word outside the model\'s words is not marked "spelled as heard"', async ({
      page,
    }) => {
      test.setTimeout(60_000);
      // Without a list, "beatle" is marked (write-unsure.spec.ts); listed, it is the user's word.
      await write(page).getByRole('textbox', { name: 'Vocabulary' }).fill('a\nbeatle\ncar?');
      const line = unipenSamples('8/art/art01tst.dat', 30).find(
        (s) => s.label === 'a beatle car?',
      )!;
      const recognized = await read(page, line);
      await expect(recognized).toHaveText('a beatle car?');
      await expect(recognized.locator('.word')).toHaveText(['a', 'beatle', 'car?']);
      await expect(recognized.locator('.word.spelled')).toHaveCount(0);
    });
  });
});
