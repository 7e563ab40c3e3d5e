import { describe, expect, it } from 'vitest';
import { capitalisedShare, exactShare, withEveryTestWord } from './ink-word-measures';

describe("issue 20's word measures", () => {
  it('adds every word of the test labels, lines cut at spaces, once each', () => {
    const words = withEveryTestWord(['the', 'cat'], ['Paris', 'the red  cat', 'Drive,']);
    expect(words).toEqual(['the', 'cat', 'Paris', 'red', 'Drive,']);
  });

  it('counts exact readings, and among them the Capitalised references', () => {
    const details = [
      { reference: 'Paris', hypothesis: 'Paris' },
      { reference: 'Paris', hypothesis: 'paris' },
      { reference: 'London', hypothesis: 'London' },
      { reference: 'the', hypothesis: 'the' },
      { reference: 'USA', hypothesis: 'USA' },
    ];
    expect(exactShare(details)).toEqual({ n: 5, right: 0.8 });
    expect(capitalisedShare(details)).toEqual({ n: 3, right: 0.6667 });
    expect(exactShare([])).toEqual({ n: 0, right: 0 });
  });
});
