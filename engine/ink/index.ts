// The platform-free ink API: model, file formats, UNIPEN, features, augmentation.
export * from './ink';
export { InkFormatError } from './ink-format-error';
export { readInkml, writeInkml, inkToInkml, INKML_NAMESPACE } from './inkml';
export { readJsonInk, writeJsonInk } from './json-ink';
export {
  describeUnipenSkip,
  parseUnipenFile,
  parseUnipenLabel,
  type UnipenFile,
  type UnipenEntry,
  type UnipenComponent,
  type UnipenSegmentLine,
  type UnipenSkip,
  type UnipenReadOptions,
} from './unipen-file';
export { parseDelineation, type DelineationRange } from './unipen-delineation';
export {
  readUnipenSegments,
  unipenPathInfo,
  type UnipenSegment,
  type UnipenIncludeResolver,
} from './unipen-segments';
export { writerKey, dedupeSegments } from './unipen-writers';
export { splitByWriter, type WriterSplit, type WriterSplitOptions } from './writer-split';
export { resampleInk, inkArcLength } from './resample';
export { normalizeInk, type InkNormalization, type NormalizedInk } from './normalize';
export {
  extractInkFeatures,
  inkFeatureNames,
  parseInkFeatureConfig,
  DEFAULT_INK_FEATURE_CONFIG,
  type InkFeatureConfig,
  type InkFeatures,
} from './features';
export { augmentInk, DEFAULT_INK_AUGMENT, type InkAugmentOptions } from './augment';
export { inkToSvgPath, inkViewBox } from './svg-path';
export {
  composeWord,
  glyphZone,
  writerXHeight,
  type Glyph,
  type GlyphZone,
  type ComposeOptions,
} from './compose-word';
export {
  splitInkAtWordGaps,
  splitInkIntoLines,
  WORD_GAP,
  type InkWord,
  type WordGapOptions,
} from './word-gaps';
export { composeLine, type ComposeLineOptions } from './compose-line';
