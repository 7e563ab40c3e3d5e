import { createHash } from 'node:crypto';
import type { DecodeParams } from '../../recognize/decode-params';

/**
 * Everything a batch worker needs to recognize: the model file's bytes and the
 * complete decode parameters (LM and lexicon included as text). A worker loads
 * the model and builds the decoder from it once, then runs any number of tasks.
 */
export interface RecognitionSetup {
  model: Uint8Array;
  params: DecodeParams;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * The identity of a setup: a hash of the model's bytes and of the decode
 * parameters (knobs, LM and lexicon), so equal setups share cached workers and
 * queued results, and any change to the model or a knob gives a new identity.
 */
export function setupIdentity(setup: RecognitionSetup): string {
  const { lmArpa, lexicon, ...knobs } = setup.params;
  const parts = [
    sha256(setup.model),
    sha256(lmArpa ?? ''),
    sha256(lexicon ? lexicon.join('\n') : ''),
    sha256(JSON.stringify(knobs, Object.keys(knobs).sort())),
    lexicon ? 'lexicon' : 'no-lexicon',
  ];
  return sha256(parts.join(':'));
}
