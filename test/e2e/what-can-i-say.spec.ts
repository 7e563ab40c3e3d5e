// "What can I say?" for a broad model of English (issue 19 item 5): a user
// model whose entry says `broad` and whose word LM is its dictionary. The
// dialog says what it handles, searches the dictionary instead of listing it,
// and says how to add words.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels } from '../../engine/node/index';
import { expect, test } from './support/fixtures';
import { shipsModel } from './support/models';
import { projectRoot } from './support/paths';

test.use({ emptyHome: true });

const WORDS = ['apple', 'applesauce', 'banana', 'zebra'];
/** A unigram ARPA model over WORDS (the decoder's word list when there is no lexicon). */
const ARPA = [
  '\\data\\',
  `ngram 1=${WORDS.length + 2}`,
  '',
  '\\1-grams:',
  '-99\t<s>',
  '-0.6\t</s>',
  ...WORDS.map((w) => `-0.6\t${w}`),
  '',
  '\\end\\',
  '',
].join('\n');

/**
 * Installs the user model `english-broad`: the shipped speech network under an
 * entry that says `broad`, with WORDS as its dictionary; `active` makes it the
 * active speech model, else the shipped one is.
 */
function installEnglishBroad(home: string, o: { active: boolean }) {
  const dir = join(home, 'models');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'english.arpa'), ARPA);
  const entry = {
    name: 'english-broad',
    role: 'speech',
    file: join(projectRoot, 'assets', 'models', 'speech-en.vbm'),
    lm: 'english.arpa',
    broad: true,
    domain: 'Ordinary English sentences',
  };
  writeFileSync(join(dir, 'models.json'), JSON.stringify({ models: [entry] }));
  const active = join(home, 'active.json');
  if (o.active) writeFileSync(active, JSON.stringify({ speech: 'english-broad' }));
  else rmSync(active, { force: true });
}

test('a broad model: what it handles, its dictionary searched, how to add words', async ({
  page,
  server,
}) => {
  test.skip(!shipsModel('speech'), 'no speech model is shipped to stand in for the network');
  installEnglishBroad(server.home, { active: true });

  await page.goto('/');
  await page.getByRole('button', { name: 'What can I say?' }).click();
  const dialog = page.getByRole('dialog', { name: 'What can I say?' });
  await expect(dialog).toContainText('english-broad: Ordinary English sentences');
  await expect(dialog).toContainText('It is a model of general English');
  await expect(dialog).toContainText('4 words: type in Search words to check one.');
  await expect(dialog.getByRole('list', { name: 'Dictionary words' })).toHaveCount(0);
  await expect(dialog).toContainText('To add words');

  await dialog.getByRole('searchbox', { name: 'Search words' }).fill('apple');
  const found = dialog.getByRole('list', { name: 'Dictionary words' });
  await expect(found.getByRole('listitem')).toHaveText(['apple', 'applesauce']);
  await expect(dialog).toContainText('2 words match “apple”');
  await expect(dialog.getByRole('list', { name: 'Words the model knows' })).toHaveCount(0);
});

test("a vocabulary outside the active model's words uses the broad model, and Dictate says so", async ({
  page,
  server,
}) => {
  test.skip(!shipsModel('speech'), 'no speech model is shipped to be the active one');
  // The shipped speech model stays active; the broad model is installed beside it.
  installEnglishBroad(server.home, { active: false });

  await page.goto('/');
  const vocabulary = page.getByRole('textbox', { name: 'Vocabulary' });
  const note = page.getByRole('status').filter({ hasText: /^Using / });
  await vocabulary.fill('yes\nzebra crossing');
  // The first broad speech model listed: a shipped one (speech-broad) when there is one, else ours.
  const broad = listModels().find((m) => m.shipped && m.role === 'speech' && m.broad)?.name;
  await expect(note).toHaveText(
    `Using ${broad ?? 'english-broad'}: your list has words outside speech-en's domain (zebra, crossing).`,
  );
  // "What can I say?" describes the model that will recognize.
  await page.getByRole('button', { name: 'What can I say?' }).click();
  const dialog = page.getByRole('dialog', { name: 'What can I say?' });
  await expect(dialog).toContainText(
    'It is a model of general English. While your Vocabulary is set it writes only your words and phrases; without it, the words of its dictionary come first',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Words of the active model's domain: it recognizes, nothing to say.
  await vocabulary.fill('yes\nno');
  await expect(note).toHaveCount(0);
  // A model chosen by name recognizes, and Dictate says when the list leaves its domain.
  await page.getByRole('button', { name: 'Model' }).click();
  await page.getByRole('option', { name: 'speech-en', exact: true }).click();
  await vocabulary.fill('yes\nzebra');
  await expect(note).toHaveText(
    'Using speech-en as chosen, though your list has words outside its domain (zebra): those words may come out as others.',
  );
});

test('the shipped speech-broad: its domain, its dictionary searched, how to add words', async ({
  page,
}) => {
  const broad = listModels().find((m) => m.shipped && m.role === 'speech' && m.broad);
  test.skip(!broad, 'no broad speech model is shipped');
  await page.goto('/');
  // The picker says which model "active" is.
  await expect(page.getByRole('button', { name: 'Model' })).toContainText(
    /^Active speech model \(speech-en\)/,
  );
  await page.getByRole('button', { name: 'Model' }).click();
  await page.getByRole('option', { name: broad!.name, exact: true }).click();
  await page.getByRole('button', { name: 'What can I say?' }).click();
  const dialog = page.getByRole('dialog', { name: 'What can I say?' });
  await expect(dialog).toContainText(`${broad!.name}: General English`);
  await expect(dialog).toContainText(
    'It is a model of general English. The words of its dictionary come first',
  );
  await expect(dialog).toContainText(/[\d,]{5,} words: type in Search words to check one\./);
  await expect(dialog).toContainText('To add words');
  await dialog.getByRole('searchbox', { name: 'Search words' }).fill('tomorrow');
  const found = dialog.getByRole('list', { name: 'Dictionary words' }).getByRole('listitem');
  await expect(found.filter({ hasText: /^tomorrow$/ })).toHaveCount(1);
});
