/**
 * Writer identity and duplicates across UNIPEN labs (README quirks 16, 17).
 *
 * `.WRITER_ID` is not a clean person id: case varies, some ids are file names
 * (`rim`: `wd136.dat`), some are bare numbers (`pri`: `0`) that mean nothing
 * outside their lab, and the CENPARMI labs cea/ceb/cec/ced/cee share one pool
 * of person codes (`gb2911` in cea and ceb, `AYML3525` in ced and cee).
 */

/** Labs whose writer ids name the same people; every other lab is its own namespace. */
const SHARED_WRITER_NAMESPACES: Record<string, string> = {
  cea: 'ce',
  ceb: 'ce',
  cec: 'ce',
  ced: 'ce',
  cee: 'ce',
};

/** A key that is equal for the same person across labs, e.g. `ce/ayml3525`, `rim/wd136`. */
export function writerKey(lab: string, writerId: string): string {
  const labKey = lab.toLowerCase();
  const namespace = SHARED_WRITER_NAMESPACES[labKey] ?? labKey;
  const id = writerId
    .trim()
    .toLowerCase()
    .replace(/\.dat$/, '');
  // No id at all: all such ink of the lab counts as one writer (the cautious choice for splits).
  return `${namespace}/${id || '?'}`;
}

/**
 * Drops repeated segments: category 6 is a subset of category 7 (same pen
 * file, same delineation), so a sample is identified by (pen file,
 * delineation). The first occurrence wins, so order the input by preference.
 */
export function dedupeSegments<T extends { penFile: string; delineation: string }>(
  segments: readonly T[],
): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const s of segments) {
    const key = `${s.penFile}\u0000${s.delineation.replace(/\s+/g, '')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}
