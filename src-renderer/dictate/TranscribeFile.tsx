// Transcribe file: pick or drop audio files; each result lists its words with
// timings, and clicking a word plays that stretch of the file.
import { useState } from 'react';
import { Button, DropZone, FileTrigger, Text } from 'react-aria-components';
import {
  SPEECH_SAMPLE_RATE,
  type RecognitionResult,
  type VocabularyEntry,
} from '../../src-common/api';
import { inverseNormalize, markSpelled } from '../../engine/index';
import { useApi } from '../api/context';
import { InlineError } from '../components/InlineError';
import { decodeTo16kMono, monoSamples, playStretch } from './decode-audio';
import { MarkedText, WordList } from './WordList';

interface FileResult {
  name: string;
  buffer: AudioBuffer | null;
  result: RecognitionResult | null;
  error: string | null;
}

export function TranscribeFile({
  known,
  hotwords,
  vocabulary,
  modelId,
  digits,
}: {
  /** The words the recognizing model writes from a list (markSpelled), or null. */
  known: ReadonlySet<string> | null;
  hotwords: string[];
  /** Only these words and phrases may be recognized; null for any. */
  vocabulary: VocabularyEntry[] | null;
  modelId: string | null;
  /** Write numbers as digits (the words keep the times of what was said). */
  digits: boolean;
}) {
  const api = useApi();
  const [results, setResults] = useState<FileResult[]>([]);
  const [busy, setBusy] = useState(false);

  async function transcribe(files: File[]) {
    setBusy(true);
    for (const file of files) {
      let buffer: AudioBuffer | null = null;
      try {
        buffer = await decodeTo16kMono(file);
        const result = await api.transcribeAudio({
          name: file.name,
          samples: monoSamples(buffer),
          sampleRate: SPEECH_SAMPLE_RATE,
          hotwords,
          vocabulary,
          modelId,
        });
        setResults((r) => [{ name: file.name, buffer, result, error: null }, ...r]);
      } catch (e) {
        const error = (e as Error).message;
        setResults((r) => [{ name: file.name, buffer, result: null, error }, ...r]);
      }
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="transcribe-file-heading" className="panel">
      <h2 id="transcribe-file-heading">Files</h2>
      <DropZone
        className="drop-zone"
        aria-label="Drop audio files to transcribe"
        onDrop={async (e) => {
          const files: File[] = [];
          for (const item of e.items) {
            if (item.kind === 'file' && item.type.startsWith('audio/'))
              files.push(await item.getFile());
          }
          if (files.length) void transcribe(files);
        }}
      >
        <FileTrigger
          acceptedFileTypes={['audio/*']}
          allowsMultiple
          onSelect={(list) => list && void transcribe([...list])}
        >
          <Button isDisabled={busy}>Transcribe file</Button>
        </FileTrigger>
        <Text slot="label">or drop audio files here (WAV, MP3, Ogg, FLAC)</Text>
      </DropZone>
      {busy && <p role="status">Transcribing…</p>}
      {results.map((r, i) => {
        const marked = r.result && markSpelled(r.result.words, known);
        const words = marked && (digits ? inverseNormalize(marked) : marked);
        return (
          <article key={`${r.name}-${results.length - i}`} className="file-result">
            <h3>{r.name}</h3>
            <InlineError message={r.error} />
            {r.result &&
              words &&
              (words.length ? <MarkedText words={words} /> : <p>{r.result.text}</p>)}
            {words && (
              <WordList
                words={words}
                label={`Words in ${r.name}`}
                onPlay={r.buffer ? (w) => playStretch(r.buffer!, w.start, w.end) : undefined}
              />
            )}
          </article>
        );
      })}
    </section>
  );
}
