/**
 * Synthetic training words for the handwriting word model: each one "written"
 * by a single UNIPEN writer of isolated characters (categories 1a/1b/1c, and
 * 1d for punctuation), in lower case, Capitalised, UPPER CASE or as a number
 * (engine/ink/compose-word.ts).
 */
import {
  composeWord,
  type Glyph,
  type Ink,
  inkBounds,
  seededRandom,
  type UnipenSegment,
  writerKey,
  writerXHeight,
} from '../../engine/index';

interface Hand {
  glyphs: Map<string, Glyph[]>;
  xHeight: number;
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The writers' glyphs, by writer key; only single-character segments count. */
function handsOf(chars: readonly UnipenSegment[]): Hand[] {
  const byWriter = groupBy(
    chars.filter((s) => [...s.label].length === 1),
    (s) => writerKey(s.lab, s.writer),
  );
  return [...byWriter.keys()].sort().map((key) => {
    const all = byWriter.get(key)!.map((s): Glyph => ({ char: s.label, ink: s.ink }));
    const xHeight = writerXHeight(all);
    // A glyph far larger than the writer's hand is another device's units or a stray point.
    const fits = (g: Glyph) => {
      const b = inkBounds(g.ink);
      return b !== undefined && Math.max(b.maxX - b.minX, b.maxY - b.minY) <= 4 * xHeight;
    };
    return { glyphs: groupBy(all.filter(fits), (g) => g.char), xHeight };
  });
}

/**
 * Marks that end a word and sit on the baseline, as composeWord places a
 * non-letter. Words cut from sentences carry them ("day.", "said,"), and a
 * period is a dot the model easily passes over: held-out words read right
 * but for a dropped trailing mark were 55 of the wrong 1,122 (ink-words stage 3).
 */
const TRAILING_MARKS = ['.', ',', ':', ';', '!', '?'];

const STYLES = [
  { share: 0.5, apply: (w: string) => w.toLowerCase() },
  { share: 0.25, apply: (w: string) => w[0].toUpperCase() + w.slice(1).toLowerCase() },
  { share: 0.2, apply: (w: string) => w.toUpperCase() },
] as const;

/**
 * `count` synthetic words. `words` are drawn uniformly (letters only, 2–12
 * long); one in twenty items is a 2–5 digit number. A writer who lacks a
 * character of the drawn word gets another word (up to 30 tries). A share
 * `cursive` of the words has its lower-case letters mostly joined (one
 * stroke running from letter to letter), as connected handwriting does. A
 * share `punctuation` of the letter words ends in one of TRAILING_MARKS the
 * writer wrote (categories 1d); none of the random draws of a run without it
 * change.
 */
export function synthesizeWordInk(
  chars: readonly UnipenSegment[],
  words: readonly string[],
  count: number,
  seed: number,
  { cursive = 0, punctuation = 0 }: { cursive?: number; punctuation?: number } = {},
): { ink: Ink; label: string }[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const hands = handsOf(chars);
  const pool = words.filter((w) => /^[A-Za-z]{2,12}$/.test(w));
  if (!hands.length || !pool.length) return [];
  const out: { ink: Ink; label: string }[] = [];
  for (let attempts = 0; out.length < count && attempts < count * 30; attempts++) {
    const hand = pick(hands);
    let label: string;
    const r = random();
    if (r < 0.05) {
      const digits = 2 + Math.floor(random() * 4);
      label = Array.from({ length: digits }, () => String(Math.floor(random() * 10))).join('');
    } else {
      let acc = 0.05;
      const style = STYLES.find((s) => r < (acc += s.share)) ?? STYLES[0];
      label = style.apply(pick(pool));
      if (punctuation > 0 && random() < punctuation) {
        const marks = TRAILING_MARKS.filter((m) => hand.glyphs.has(m));
        if (marks.length) label += pick(marks);
      }
    }
    const chosen = [...label].map((c) => hand.glyphs.get(c));
    if (chosen.some((g) => !g)) continue;
    const glyphs = chosen.map((g) => pick(g!));
    const join = cursive > 0 && random() < cursive ? 0.9 : 0;
    out.push({ ink: composeWord(glyphs, hand.xHeight, random, { join }), label });
  }
  return out;
}
