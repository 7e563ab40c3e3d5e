import type { CliIo } from './command';
import { vocabularyForModel, type VocabularyFile } from './vocabulary-file';
import type { VocabularyEntry } from '../../index';
import { chooseSpeechModel, type ModelEntry, resolveModel } from '../index';

/**
 * The speech model of a command: `--model NAME|PATH` when given; else the
 * active speech model or, when the `--vocabulary` has words outside its
 * domain, an installed broad model (chooseSpeechModel). A choice other than
 * the plain default is noted on stderr, with how to keep the default, as
 * are hotwords the model will hardly write; a vocabulary the model cannot
 * spell is refused first (vocabularyForModel), so no note precedes the error.
 */
export function speechModelFor(
  spec: string | undefined,
  vocabulary: VocabularyFile | null,
  io: CliIo,
  command: string,
  hotwords: readonly string[] = [],
): { entry: ModelEntry; vocabulary: VocabularyEntry[] | null } {
  const requested = spec === undefined ? null : resolveModel(spec, 'speech');
  const choice = chooseSpeechModel({
    requested,
    vocabulary: vocabulary?.entries ?? null,
    hotwords,
  });
  // None installed: resolveModel says so, and how to get one.
  const entry = choice?.entry ?? resolveModel('speech', 'speech');
  const checked = vocabulary && vocabularyForModel(vocabulary, entry.path);
  if (choice?.note) {
    const from = choice.outsideDomain?.model;
    const keep =
      from && from !== choice.entry ? ` Pass --model ${from.name} to use ${from.name} anyway.` : '';
    io.stderr.write(`verbatim ${command}: note: ${choice.note}${keep}\n`);
  }
  return { entry, vocabulary: checked };
}
