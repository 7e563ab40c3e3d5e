/** How to turn almost anything into audio Verbatim reads, quoted in every format error. */
export const CONVERT_HINT = 'convert it with: sox in.mp3 -r 16000 -b 16 -c 1 out.wav';

/**
 * Input bytes are not audio we can decode. The message is one line saying what
 * was found and what was expected; the file layer prefixes it with the file name.
 */
export class AudioFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioFormatError';
  }
}
