/**
 * Text normalisation and feature extraction for the routing classifier.
 *
 * Customer messages arrive with typos, emoji, order numbers and mixed scripts (English and
 * Russian). The normaliser removes what carries no routing signal (case, emoji, punctuation, the
 * exact digits of an order number) and the extractor turns the text into hashed word uni/bi-grams
 * plus character n-grams inside word boundaries, which keep most of their overlap when a word is
 * misspelt. Hashing keeps the model free of a vocabulary, so the artefact stays small.
 */

/** How a text becomes a feature vector. Stored in the model so training and serving agree. */
export interface FeatureOptions {
  /** Feature ids are hashes reduced to this many bits. */
  readonly hashBits: number;
  /** Longest word n-gram (1 = unigrams only). */
  readonly wordNgramMax: number;
  /** Shortest and longest character n-gram, taken inside each word padded with spaces. */
  readonly charNgramMin: number;
  readonly charNgramMax: number;
  /** L2 norm given to the word block and to the character block of the vector. */
  readonly wordWeight: number;
  readonly charWeight: number;
}

/** A sparse feature vector: parallel arrays of feature ids and their values. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly values: Float64Array;
}

/** A placeholder for any number, so "order 48213" and "order A-10023" look alike. */
const NUMBER_TOKEN = "0";

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gu;
const EMAIL_PATTERN = /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}\b/gu;
// Apostrophes vanish instead of splitting, so "don't" and the common typo "dont" agree.
const APOSTROPHES = /['’`ʼ]/gu;
// A run of digits, including separators inside amounts and dates (12.50, 2024-05-01).
const NUMBER_PATTERN = /\p{N}+(?:[.,:/-]\p{N}+)*/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
// "pleeeease" and "pleease" become one spelling; two letters stay since "oo" or "ee" is ordinary.
const REPEATED_LETTERS = /(\p{L})\1{2,}/gu;

/**
 * Lowercases, applies Unicode NFKC (full-width and stylised letters become plain), folds "ё" to
 * "е", replaces links, e-mails and numbers by placeholders and drops emoji and punctuation.
 */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replaceAll("ё", "е")
    .replace(URL_PATTERN, " url ")
    .replace(EMAIL_PATTERN, " email ")
    .replace(APOSTROPHES, "")
    .replace(NUMBER_PATTERN, ` ${NUMBER_TOKEN} `)
    .replace(NON_WORD, " ")
    .replace(REPEATED_LETTERS, "$1$1")
    .trim();
}

/** Splits a normalised text into words. */
export function tokenise(normalised: string): string[] {
  return normalised === "" ? [] : normalised.split(" ");
}

/** 32-bit FNV-1a over UTF-16 code units: fast, stable across platforms and Node versions. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function countHashed(keys: Iterable<string>, mask: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const key of keys) {
    const id = hashString(key) & mask;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function* wordNgrams(words: readonly string[], maxN: number): Generator<string> {
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= words.length; i++) yield `w${n}:${words.slice(i, i + n).join(" ")}`;
  }
}

function* charNgrams(words: readonly string[], minN: number, maxN: number): Generator<string> {
  for (const word of words) {
    const padded = ` ${word} `;
    for (let n = minN; n <= maxN; n++) {
      for (let i = 0; i + n <= padded.length; i++) yield `c:${padded.slice(i, i + n)}`;
    }
  }
}

/**
 * Adds one block (word or character features) to the vector: log-scaled counts, scaled so the
 * block has the given L2 norm. Normalising each block keeps long messages from drowning the bias
 * and stops the many character n-grams from outweighing the few word features.
 */
function appendBlock(counts: Map<number, number>, weight: number, out: Map<number, number>): void {
  let sumSquares = 0;
  for (const count of counts.values()) sumSquares += (1 + Math.log(count)) ** 2;
  if (sumSquares === 0) return;
  const scale = weight / Math.sqrt(sumSquares);
  for (const [id, count] of counts) out.set(id, (out.get(id) ?? 0) + (1 + Math.log(count)) * scale);
}

/** Hashed feature counts of a text, word block and character block kept apart. */
export interface FeatureCounts {
  readonly words: Map<number, number>;
  readonly chars: Map<number, number>;
}

/** Counts the hashed word and character n-grams of raw customer text. */
export function countFeatures(text: string, options: FeatureOptions): FeatureCounts {
  const words = tokenise(normaliseText(text));
  const mask = 2 ** options.hashBits - 1;
  return {
    words: countHashed(wordNgrams(words, options.wordNgramMax), mask),
    chars: countHashed(charNgrams(words, options.charNgramMin, options.charNgramMax), mask),
  };
}

/** Turns raw customer text into the sparse vector the linear model scores. */
export function extractFeatures(text: string, options: FeatureOptions): SparseVector {
  const counts = countFeatures(text, options);
  const merged = new Map<number, number>();
  appendBlock(counts.words, options.wordWeight, merged);
  appendBlock(counts.chars, options.charWeight, merged);
  return toSparseVector(merged);
}

/** Packs an id-to-value map into parallel typed arrays. */
export function toSparseVector(entries: Map<number, number>): SparseVector {
  const ids = new Int32Array(entries.size);
  const values = new Float64Array(entries.size);
  let i = 0;
  for (const [id, value] of entries) {
    ids[i] = id;
    values[i] = value;
    i++;
  }
  return { ids, values };
}
