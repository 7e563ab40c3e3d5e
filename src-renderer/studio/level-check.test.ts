import { describe, expect, it } from 'vitest';
import { decodePcm16, levelWarning } from './level-check';
import { BUILT_IN_PROMPT_SETS, inkPrompts, parsePromptFile } from './prompts';

describe('level warnings', () => {
  it('flags quiet and clipped takes', () => {
    expect(levelWarning(new Float32Array(100).fill(0.01))).toBe('too-quiet');
    expect(levelWarning(Float32Array.from({ length: 100 }, (_, i) => (i % 10 ? 0.5 : 1)))).toBe(
      'clipped',
    );
    expect(levelWarning(new Float32Array(100).fill(0.3))).toBeNull();
    expect(levelWarning(new Float32Array(0))).toBeNull();
  });

  it('decodes base64 16-bit PCM', () => {
    const bytes = new Uint8Array([0x00, 0x80, 0xff, 0x7f, 0x00, 0x00]);
    const b64 = btoa(String.fromCharCode(...bytes));
    expect([...decodePcm16(b64)]).toEqual([-1, 32767 / 32768, 0]);
  });
});

describe('prompts', () => {
  it('parses a prompt file and maps digit prompts for ink', () => {
    expect(parsePromptFile('# mine\n hello world \n\nstop\r\n')).toEqual(['hello world', 'stop']);
    expect(inkPrompts(BUILT_IN_PROMPT_SETS[0]).slice(0, 3)).toEqual(['0', '1', '2']);
  });
});
