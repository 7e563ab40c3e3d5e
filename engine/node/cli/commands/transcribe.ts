import type { CliIo, Command } from '../command';
import { expandInputs } from '../input-files';
import { parseCommandArgs } from '../parse-args';
import { UsageError } from '../usage-error';
import {
  decodeAudioFile,
  decodeParamsFor,
  loadBestKernels,
  loadModelEntry,
  resolveModel,
} from '../../index';
import { transcribeSamples } from '../../../index';
import { applyDecodeFiles, positiveInt, parseHotword, progressWriter } from '../options';

const usage =
  'usage: verbatim transcribe [--model NAME|PATH] [--raw FORMAT] [--json] [--beam N] [--no-lm] [--lm FILE.arpa] [--lexicon FILE] [--hotword WORD[:BOOST]]... [--nbest N] INPUT...';

export const transcribeCommand: Command = {
  name: 'transcribe',
  summary: 'speech to text for audio files or folders (WAV, or raw PCM with --raw)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        model: { type: 'string', default: 'speech' },
        raw: { type: 'string' },
        json: { type: 'boolean' },
        beam: { type: 'string' },
        'no-lm': { type: 'boolean' },
        lm: { type: 'string' },
        lexicon: { type: 'string' },
        hotword: { type: 'string', multiple: true },
        nbest: { type: 'string' },
      },
      usage,
    );
    if (positionals.length === 0)
      throw new UsageError('INPUT is required (a file or folder)', usage);
    const params = {
      beam: values.beam === undefined ? undefined : positiveInt(values.beam, '--beam', usage),
      nbest: values.nbest === undefined ? undefined : positiveInt(values.nbest, '--nbest', usage),
      hotwords: (values.hotword ?? []).map((h) => parseHotword(h, usage)),
    };
    const entry = resolveModel(values.model, 'speech');
    if (entry.role !== 'speech' && !entry.path.endsWith('.vbm'))
      throw new UsageError(
        `model "${entry.name}" is a ${entry.role} model, not a speech model`,
        usage,
      );
    const recognizer = loadModelEntry(entry, loadBestKernels());
    if (recognizer.kind !== 'speech')
      throw new UsageError(
        `${entry.path} is a handwriting model; transcribe needs a speech model`,
        usage,
      );
    const decode = decodeParamsFor(entry, values['no-lm'] ? 'none' : 'lexicon');
    applyDecodeFiles(decode, values);
    if (params.beam) decode.beamWidth = params.beam;
    if (params.nbest) decode.nbest = params.nbest;
    decode.hotwords = params.hotwords;

    const files = expandInputs(positionals, values.raw === undefined ? ['.wav'] : ['.raw', '.pcm']);
    if (files.length === 0) {
      io.stderr.write('verbatim transcribe: no audio files found in the inputs\n');
      return 1;
    }
    let failed = 0;
    const progress = progressWriter(io, 'transcribe');
    for (const [i, file] of files.entries()) {
      const started = performance.now();
      try {
        const audio = decodeAudioFile(file, { raw: values.raw });
        const duration = audio.samples.length / audio.sampleRate;
        const result = transcribeSamples(recognizer, audio.samples, audio.sampleRate, decode, {
          onProgress: (done, total) => progress(`${file}: utterance ${done}/${total}`),
        });
        const elapsedMs = Math.round(performance.now() - started);
        io.stdout.write(
          values.json
            ? `${JSON.stringify({ input: file, ...result, duration: round3(duration), elapsedMs })}\n`
            : `${file}\t${result.text}\n`,
        );
      } catch (err) {
        failed++;
        const error = err instanceof Error ? err.message : String(err);
        if (values.json) io.stdout.write(`${JSON.stringify({ input: file, error })}\n`);
        io.stderr.write(`verbatim transcribe: ${error}\n`);
      }
      progress(`${i + 1}/${files.length} files`, i + 1 === files.length);
    }
    return failed === 0 ? 0 : 1;
  },
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;
