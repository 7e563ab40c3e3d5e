import type { BeamResult, BeamSearchDecoder } from 'ctc-decode-ts';
import type { Kernels } from '../kernels/kernels';
import { loadModel, type ModelHeader, type ModelKind } from '../model/vbm';
import type { Network, Quantization } from '../nn/network';
import { asListed, createDecoder, type DecodeParams } from './decode-params';

/** A loaded CTC model ready to recognize: the network, its header and its output labels. */
export interface Recognizer {
  kind: ModelKind;
  header: ModelHeader;
  network: Network;
  labels: readonly string[];
}

export interface RecognizerOptions {
  kernels?: Kernels;
  /**
   * Inference precision (Network.setQuantization). Default: 'int8' where the
   * kernels prefer it (int8Preferred: the relaxed-SIMD WASM build), else 'none'.
   */
  quantize?: Quantization;
}

/** Loads `.vbm` bytes (validated; throws ModelFormatError on a bad file). */
export function loadRecognizer(bytes: Uint8Array, options: RecognizerOptions = {}): Recognizer {
  const { header, network } = loadModel(bytes, { kernels: options.kernels });
  network.setQuantization(options.quantize ?? (options.kernels?.int8Preferred ? 'int8' : 'none'));
  if (network.architecture.head !== 'ctc')
    throw new TypeError(
      `this model has a '${network.architecture.head}' head; recognizers need a CTC model`,
    );
  return { kind: header.kind, header, network, labels: header.alphabet };
}

/**
 * Runs the network on x [T, inputSize] and decodes its output. With a decoder
 * given (e.g. one kept by a session), it is reused; otherwise one is built.
 */
export function decodeFeatures(
  recognizer: Recognizer,
  x: Float32Array,
  T: number,
  params: DecodeParams,
  decoder: BeamSearchDecoder = createDecoder(recognizer.labels, params),
): { beams: BeamResult[]; frames: number } {
  if (T === 0) return { beams: [], frames: 0 };
  const { logProbs, frames } = recognizer.network.recognize(x, T);
  return { beams: asListed(decoder, decoder.decode(logProbs, frames)), frames };
}
