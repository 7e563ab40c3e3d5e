// The Studio recorder's R shortcut (issue 23): R starts a take from anywhere
// in the recorder's panel (not only its button row), focus moves to Stop
// while recording, and R again stops and saves the take.
import { expect, test } from './support/fixtures';
import { fakeMicLaunchOptions } from './support/fake-mic';

test.use({ launchOptions: fakeMicLaunchOptions({ loop: true }) });

test('R starts and stops a take anywhere in the recorder panel', async ({ page }) => {
  await page.goto('/#studio');
  const studio = page.getByRole('tabpanel', { name: 'Studio' });
  await studio.getByRole('textbox', { name: 'New dataset name' }).fill('R keys');
  await studio.getByRole('button', { name: 'Create dataset' }).click();
  const prompt = studio.getByTestId('prompt');
  await expect(prompt).toHaveText('zero');
  await expect(studio).toContainText('Shortcuts, anywhere in this panel except while typing');

  // a click on the prompt text (nothing focusable there) keeps the keys in the panel
  await prompt.click();
  const status = studio.getByTestId('take-status');
  const stop = studio.getByRole('button', { name: 'Stop', exact: true });
  await page.keyboard.press('r');
  await expect(status).toContainText('Recording "zero"');
  await expect(stop).toBeFocused();
  await page.waitForTimeout(800);
  await page.keyboard.press('r');
  await expect(status).toContainText('Saved "zero"');
  await expect(studio.getByTestId('sample-row')).toHaveCount(1);
  await expect(studio.getByRole('button', { name: 'Record', exact: true })).toBeFocused();

  // and again from the Record button, twice in a row
  await page.keyboard.press('r');
  await expect(status).toContainText('Recording');
  await expect(stop).toBeFocused();
  await page.waitForTimeout(800);
  await page.keyboard.press('r');
  await expect(status).toContainText('Saved');
  await expect(studio.getByTestId('sample-row')).toHaveCount(2);

  // typing an r in a field types it
  const speaker = studio.getByRole('textbox', { name: 'Speaker' });
  await speaker.fill('');
  await speaker.press('r');
  await expect(speaker).toHaveValue('r');
  await expect(status).not.toContainText('Recording');
});
