// Recognition on top of the engine: models → text with words, timings and N-best.
export * from './labels';
export * from './result';
export * from './decode-params';
export * from './vocabulary';
export * from './decoding-words';
export * from './unsure-words';
export * from './recognizer';
export * from './speech-front-end';
export * from './speech';
export * from './speech-session';
export * from './ink';
export * from './ink-session';
