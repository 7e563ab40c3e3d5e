import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parsePort } from './port';

describe('parsePort', () => {
  it('prefers --port, then VERBATIM_PORT, then the default', () => {
    expect(parsePort('0', '9000')).toBe(0);
    expect(parsePort(undefined, '9000')).toBe(9000);
    expect(parsePort(undefined, undefined)).toBe(DEFAULT_PORT);
    expect(parsePort(undefined, ' ')).toBe(DEFAULT_PORT);
  });

  it('says what is wrong with a bad value', () => {
    expect(() => parsePort('abc', undefined)).toThrow(/--port must be a port number/);
    expect(() => parsePort(undefined, '70000')).toThrow(/VERBATIM_PORT must be/);
    expect(() => parsePort('-1', undefined)).toThrow(/0 picks a free port/);
  });
});
