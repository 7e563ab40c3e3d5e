import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Settler } from './use-settled';

describe('Settler', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const settler = () => {
    const settled: string[] = [];
    return { settled, settler: new Settler<string>((v) => settled.push(v)) };
  };

  it('passes on only the last of a burst, once it has held for the pause', () => {
    const { settled, settler: s } = settler();
    for (const v of ['c', 'ch', 'che', 'check']) {
      s.offer(v, 400);
      vi.advanceTimersByTime(300);
    }
    expect(settled).toEqual([]);
    vi.advanceTimersByTime(99);
    expect(settled).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(settled).toEqual(['check']);
    vi.runAllTimers();
    expect(settled).toEqual(['check']);
  });

  it('passes on a value without a pause at once, and drops the one that was waiting', () => {
    const { settled, settler: s } = settler();
    s.offer('chec', 400);
    s.offer('', 0);
    expect(settled).toEqual(['']);
    vi.runAllTimers();
    expect(settled).toEqual(['']);
    // Typing after it settles from there.
    s.offer('y', 400);
    s.offer('yes', 400);
    vi.runAllTimers();
    expect(settled).toEqual(['', 'yes']);
  });

  it('passes on nothing once cancelled', () => {
    const { settled, settler: s } = settler();
    s.offer('check', 400);
    s.cancel();
    vi.runAllTimers();
    expect(settled).toEqual([]);
  });
});
