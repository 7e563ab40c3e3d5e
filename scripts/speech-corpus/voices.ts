/**
 * The synthetic voices of the broad English corpus, discovered from the
 * installed synthesisers: every English espeak-ng voice with every variant,
 * other-language espeak-ng voices reading English (accents), flite's and
 * festival's voices. One family is held out of training for evaluation.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { SynthEngine } from '../synth-speech';

export interface Voice {
  engine: SynthEngine;
  /** What the synthesiser is given: `en-us+m3`, `de+f2`, `awb`, `kal_diphone`. */
  name: string;
  /** Which group the voice belongs to (the held-out family is one of these). */
  family: VoiceFamily;
}

/**
 * espeak-ng English voices; espeak-ng other languages reading English
 * ("accent"); flite's and festival's diphone voices of the speaker Kal;
 * flite's clustergen voices (awb, rms, slt: statistical parametric voices
 * made from three real speakers' recordings).
 */
export type VoiceFamily = 'espeak-en' | 'espeak-accent' | 'kal-diphone' | 'flite-cg';

/**
 * Held out of training: flite's clustergen voices. Festival has only the Kal
 * diphone voice here, which flite has too, so holding out "festival" would
 * not hold out a speaker; the clustergen voices are other speakers and
 * another synthesis technique.
 */
export const HELD_OUT_FAMILY: VoiceFamily = 'flite-cg';

/**
 * Languages whose espeak-ng voices read English text with their own
 * letter-to-sound rules: Latin-script languages, so the English spelling is
 * read (with the language's sounds) rather than spelled out letter by letter.
 */
export const ACCENT_LANGUAGES = [
  'af',
  'cs',
  'da',
  'de',
  'es',
  'et',
  'fi',
  'fr-fr',
  'hr',
  'hu',
  'id',
  'it',
  'lt',
  'lv',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-br',
  'ro',
  'sk',
  'sl',
  'sv',
  'sw',
  'tr',
];

/** flite voices that only speak a limited domain (awb_time says clock times). */
const LIMITED_DOMAIN = new Set(['awb_time']);

/** Rows of `espeak-ng --voices[=lang]`: language code and voice file. */
export function parseEspeakVoices(listing: string): { language: string; file: string }[] {
  return listing
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length >= 5)
    .map((cols) => ({ language: cols[1], file: cols[4] }));
}

/** Variant names from `espeak-ng --voices=variant` (its files are `!v/NAME`). */
export function parseEspeakVariants(listing: string): string[] {
  return parseEspeakVoices(listing)
    .map((v) => v.file.match(/^!v\/(.+)$/)?.[1])
    .filter((v): v is string => Boolean(v));
}

/** Voices of `flite -lv` ("Voices available: kal awb ..."). */
export function parseFliteVoices(listing: string): string[] {
  return listing
    .replace(/^[^:]*:/, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The voice inventory from the synthesisers' listings. English espeak-ng
 * voices are the non-MBROLA ones (MBROLA voices need a binary not installed here).
 */
export function buildVoices(listings: {
  espeakEnglish?: string;
  espeakAll?: string;
  espeakVariants?: string;
  flite?: string;
  festival?: string[];
}): Voice[] {
  const voices: Voice[] = [];
  const variants = ['', ...parseEspeakVariants(listings.espeakVariants ?? '').map((v) => `+${v}`)];
  const english = [
    ...new Set(
      parseEspeakVoices(listings.espeakEnglish ?? '')
        .filter((v) => v.language.startsWith('en') && !v.file.startsWith('mb/'))
        .map((v) => v.language),
    ),
  ];
  for (const language of english)
    for (const variant of variants)
      voices.push({ engine: 'espeak-ng', name: language + variant, family: 'espeak-en' });
  const installed = new Set(parseEspeakVoices(listings.espeakAll ?? '').map((v) => v.language));
  for (const language of ACCENT_LANGUAGES.filter((l) => installed.has(l)))
    for (const variant of variants)
      voices.push({ engine: 'espeak-ng', name: language + variant, family: 'espeak-accent' });
  for (const name of parseFliteVoices(listings.flite ?? '')) {
    if (LIMITED_DOMAIN.has(name)) continue;
    voices.push({
      engine: 'flite',
      name,
      family: name.startsWith('kal') ? 'kal-diphone' : 'flite-cg',
    });
  }
  for (const name of listings.festival ?? [])
    voices.push({ engine: 'festival', name, family: 'kal-diphone' });
  return voices;
}

const tryRun = (cmd: string, args: string[]): string | undefined => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
};

/** The voices of the synthesisers installed on this machine. */
export function installedVoices(): Voice[] {
  let festival: string[] = [];
  try {
    festival = readdirSync('/usr/share/festival/voices', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(`/usr/share/festival/voices/${d.name}`));
  } catch {
    festival = [];
  }
  return buildVoices({
    espeakEnglish: tryRun('espeak-ng', ['--voices=en']),
    espeakAll: tryRun('espeak-ng', ['--voices']),
    espeakVariants: tryRun('espeak-ng', ['--voices=variant']),
    flite: tryRun('flite', ['-lv']),
    festival: tryRun('sh', ['-c', 'command -v text2wave']) ? festival : [],
  });
}
