/**
 * Child process of `verbatim bench` for an honest peak-RSS figure: a fresh
 * process loads the default speech model and recognizes one WAV file (argv[2])
 * with the whole pipeline, then prints { peak_rss_mb, seconds, text } as JSON.
 */
import { readFileSync } from 'node:fs';
import { decodeWav } from '../../audio/index';
import { createDecoder } from '../../recognize/decode-params';
import { transcribeSamples } from '../../recognize/speech';
import { loadBestKernels } from '../runtime/load-kernels';
import { speechBenchModel } from './bench-models';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: bench-rss-child FILE.wav\n');
  process.exit(2);
}
const model = speechBenchModel(loadBestKernels());
const audio = decodeWav(readFileSync(file));
const result = transcribeSamples(model.recognizer, audio.samples, audio.sampleRate, model.params, {
  decoder: createDecoder(model.recognizer.labels, model.params, model.resources),
});
process.stdout.write(
  `${JSON.stringify({
    // ru_maxrss: kilobytes on Linux
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    seconds: audio.samples.length / audio.sampleRate,
    text: result.text.slice(0, 80),
  })}\n`,
);
