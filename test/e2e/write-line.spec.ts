// A line of handwriting in the Write view's Words mode (issue 20 item 2): a
// real UNIPEN text line (category 8) of lab "art", held out of the words
// model's training (scripts/recipes/unipen-heldout.json), drawn with the mouse
// and read as several words separated by spaces.
import { editDistance } from '../../engine/index';
import { expect, test } from './support/fixtures';
import { drawInk } from './support/ink';
import { shipsModel } from './support/models';
import { unipenRoot, unipenSamples } from './support/unipen';

test('a UNIPEN text line drawn in Words mode is read as words separated by spaces', async ({
  page,
}) => {
  test.skip(!unipenRoot, 'the UNIPEN data is not available: set VERBATIM_DATA_DIR');
  test.skip(!shipsModel('words'), 'no words model is shipped yet (assets/models.json)');
  test.setTimeout(90_000); // a few hundred mouse moves on a busy machine
  const line = unipenSamples('8/art/art01tst.dat', 30).find(
    (s) => s.label === 'you are going to write',
  )!;
  await page.goto('/');
  await page.getByRole('tab', { name: 'Write' }).click();
  await page.getByText('Words', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Words' })).toBeChecked();
  await drawInk(page, line.strokes);
  const recognized = page.getByRole('status', { name: 'Recognized text' });
  // Several words with single spaces between them…
  await expect(recognized).toHaveText(/^\S+( \S+){3,}$/, { timeout: 20_000 });
  // …close to what was written: drawn with the mouse, this line read "you are
  // going to writ" when the test was written (CER 4.5%; bound 20%).
  const text = (await recognized.textContent()) ?? '';
  const cer = editDistance([...line.label], [...text]) / line.label.length;
  expect(cer, `read "${text}" for "${line.label}"`).toBeLessThanOrEqual(0.2);
});
