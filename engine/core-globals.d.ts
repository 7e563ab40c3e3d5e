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
// The part of the WebAssembly JS API the WASM kernels loader uses.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(deltaPages: number): number;
  }
  function compile(bytes: ArrayBuffer | ArrayBufferView): Promise<Module>;
  function validate(bytes: ArrayBuffer | ArrayBufferView): boolean;
}
