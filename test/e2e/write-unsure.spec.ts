// The words the recognizer is unsure of, marked in the Write view's Words
// mode as Dictate marks its own (underlined, a title saying why, a button
// described by why and showing it when pressed): judged in
// the back end as `recognize-ink --json` judges them. Real UNIPEN handwriting
// of the labs "pri" and "art", held out of the words model's training
// (scripts/recipes/unipen-heldout.json), drawn with the mouse and read by the
// shipped words model with its word list.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { drawInk } from './support/ink';
import { shipsModel } from './support/models';
import { unipenRoot, unipenSamples, type InkSample } from './support/unipen';

const SPELLED = /not in the model's words, spelled as heard: check this word/;
const SPELLED_REASON = "Unsure: not in the model's words, spelled as heard. Check this word.";
const MARKED = '.word.spelled, .word.low-confidence';

test.describe('unsure words in Words mode', () => {
  test.skip(!unipenRoot, 'the UNIPEN data is not available: set VERBATIM_DATA_DIR');
  test.skip(!shipsModel('words'), 'no words model is shipped yet (assets/models.json)');
  const word = (label: string) =>
    unipenSamples('7/pri/pri1/000.0.dat', 60).find((s) => s.label === label)!;

  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await page.getByRole('tab', { name: 'Write' }).click();
    await page.getByText('Words', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Words' })).toBeChecked();
  });

  const read = async (page: Page, sample: InkSample) => {
    test.setTimeout(60_000); // a few hundred mouse moves on a busy machine
    await drawInk(page, sample.strokes);
    const recognized = page.getByRole('status', { name: 'Recognized text' });
    const n = sample.strokes.length;
    await expect(page.getByTestId('stroke-count')).toHaveText(`${n} stroke${n === 1 ? '' : 's'}`);
    await expect(recognized).toHaveText(/\S/, { timeout: 20_000 });
    await expect(recognized).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    return recognized;
  };

  test('a word outside the model\'s words is marked "spelled as heard"', async ({ page }) => {
    // "indulin", a dye: not in the shipped word list, so the character LM spells it.
    const recognized = await read(page, word('indulin'));
    const marked = recognized.locator('.word.spelled');
    await expect(marked).toHaveCount(1);
    await expect(marked).toHaveText((await recognized.textContent())!);
    await expect(marked).toHaveAttribute('title', SPELLED);
    await expect(marked).toHaveAttribute('title', /^confidence \d+%/);
    // Said to assistive technology: the word by its name, why by its description.
    await expect(marked).toHaveAccessibleName('indulin');
    await expect(marked).toHaveAccessibleDescription(SPELLED_REASON);
    // Drawn underlined, as Dictate's unsure words.
    const line = await marked.evaluate((el) => getComputedStyle(el).textDecorationLine);
    expect(line).toContain('underline');
  });

  test('a word read confidently from the list is not marked', async ({ page }) => {
    const recognized = await read(page, word('malleable'));
    await expect(recognized).toHaveText('malleable');
    const only = recognized.locator('.word');
    await expect(only).toHaveCount(1);
    await expect(only).toHaveAttribute('class', 'word');
    await expect(only).toHaveAttribute('title', /^confidence \d+%$/);
    await expect(recognized.locator(MARKED)).toHaveCount(0);
  });

  test('in a line, only the word outside the list is marked', async ({ page }) => {
    // "a beatle car?": "beatle" (so spelled) is not in the word list; "a" and "car?" are.
    const line = unipenSamples('8/art/art01tst.dat', 30).find((s) => s.label === 'a beatle car?')!;
    const recognized = await read(page, line);
    await expect(recognized).toHaveText('a beatle car?');
    await expect(recognized.locator('.word')).toHaveText(['a', 'beatle', 'car?']);
    const marked = recognized.locator(MARKED);
    await expect(marked).toHaveText(['beatle']);
    await expect(marked).toHaveAttribute('title', SPELLED);
    await expect(marked).toHaveAccessibleDescription(SPELLED_REASON);

    // From the keyboard: Enter shows why, Escape hides it and returns to the word.
    await marked.focus();
    await page.keyboard.press('Enter');
    const note = page.getByRole('dialog', { name: SPELLED_REASON });
    await expect(note).toContainText(/confidence \d+%/);
    await page.keyboard.press('Escape');
    await expect(note).toBeHidden();
    await expect(marked).toBeFocused();
    // Insert takes the reading alone.
    await page.getByRole('button', { name: 'Insert' }).click();
    await expect(page.getByRole('textbox', { name: 'Written text' })).toHaveValue('a beatle car?');
  });
});
