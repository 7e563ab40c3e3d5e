// The models.json file (assets/ for the shipped models, VERBATIM_HOME/models/
// for the user's): its entries as written, validated when read so that a
// misspelled key or a weight out of range is refused with the entry named,
// not silently ignored.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../io/write-atomic';
import { MODEL_ROLES } from '../../../model/roles';

/**
 * The knobs of a model's own decoding (with its LM and lexicon), where its
 * publish tuned them on held-out data: they take the place of the role's
 * defaults, and a user's explicit setting (a CLI flag) takes theirs.
 */
export const EntryDecodeSchema = z
  .object({
    /** Beam width (1 = greedy). */
    beamWidth: z.number().int().min(1).max(1024).optional(),
    /** LM weight (DecodeParams.alpha). */
    lmWeight: z.number().min(0).max(10).optional(),
    /** Insertion bonus per LM unit, a word under a word LM (DecodeParams.beta). */
    wordBonus: z.number().min(-20).max(20).optional(),
  })
  .strict();
export type EntryDecode = z.infer<typeof EntryDecodeSchema>;

const file = z.string().min(1);

/**
 * One model as models.json lists it: paths relative to the file's folder (or
 * absolute), or assets:PATH for a file of the shipped assets (a user model
 * decoding with a shipped LM or lexicon names it so: model-store.ts).
 */
export const ModelManifestEntrySchema = z
  .object({
    name: z.string().min(1),
    role: z.enum(MODEL_ROLES),
    /** The .vbm. */
    file,
    /** Word n-gram LM (ARPA) and lexicon (one word a line). */
    lm: file.optional(),
    lexicon: file.optional(),
    /** Character n-gram LM (ARPA) for open vocabulary. */
    charLm: file.optional(),
    /** Default output charset (e.g. "0-9"). */
    charset: z.string().min(1).optional(),
    description: z.string().optional(),
    /** What the model recognizes, said for people ("What can I say?"). */
    domain: z.string().optional(),
    /** A broad model of English: its lexicon or word LM is a dictionary it prefers, not a limit. */
    broad: z.boolean().optional(),
    decode: EntryDecodeSchema.optional(),
  })
  .strict();
export type ModelManifestEntry = z.infer<typeof ModelManifestEntrySchema>;

export interface ModelManifest {
  models: ModelManifestEntry[];
}

const ManifestSchema = z.object({ models: z.array(z.unknown()) }).strict();

/** Where in the value an issue is, as "decode.lmWeight" (or the entry itself). */
const where = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '');

/**
 * The issues of a parse, each with where it is; an unknown key is told with
 * the keys allowed there (`known`: by where, '' for the value itself).
 */
function describeIssues(error: z.ZodError, known: Record<string, readonly string[]>): string {
  return error.issues
    .map((issue) => {
      const at = where(issue.path);
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (known: ${known[at]?.join(', ')})`
          : issue.message;
      return at ? `${at}: ${message}` : message;
    })
    .join('; ');
}

const ENTRY_KEYS = {
  '': ModelManifestEntrySchema.keyof().options,
  decode: EntryDecodeSchema.keyof().options,
};

/**
 * Parses a models.json's text (`path` names it in errors): each entry is
 * checked on its own, and the error names the file, the entry and the field.
 */
export function parseModelManifest(text: string, path: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const manifest = ManifestSchema.safeParse(json);
  if (!manifest.success) {
    throw new Error(
      `${path} must be { "models": [ ... ] }: ${describeIssues(manifest.error, { '': ['models'] })}`,
    );
  }
  const models = manifest.data.models.map((raw, i) => {
    const entry = ModelManifestEntrySchema.safeParse(raw);
    if (entry.success) return entry.data;
    const name =
      typeof raw === 'object' &&
      raw !== null &&
      typeof (raw as { name?: unknown }).name === 'string'
        ? `model "${(raw as { name: string }).name}"`
        : `model #${i + 1}`;
    throw new Error(`${path}: ${name}: ${describeIssues(entry.error, ENTRY_KEYS)}`);
  });
  return { models };
}

/** A models.json file, validated (an empty manifest when there is none). */
export function readModelManifest(file: string): ModelManifest {
  return existsSync(file) ? parseModelManifest(readFileSync(file, 'utf8'), file) : { models: [] };
}

/** Writes a models.json atomically, never with an entry it would refuse to read. */
export function writeModelManifest(file: string, manifest: ModelManifest): void {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  parseModelManifest(text, file);
  writeFileAtomic(file, text);
}
