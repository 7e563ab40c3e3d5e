// Web-standard globals that exist in Node, Electron and browser workers alike.
// The platform-free engine may use exactly these; everything else (fs, DOM,
// console) is absent from its typecheck on purpose.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare const performance: { now(): number };
