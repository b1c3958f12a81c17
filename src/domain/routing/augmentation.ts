/**
 * Keyboard-style typos, used to augment training data (so the model sees misspellings of every
 * word it learns) and to measure robustness. Deterministic given the random source.
 */
import type { Random } from "./random.js";

function typo(word: string, random: Random): string {
  const i = Math.floor(random() * word.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return i + 1 < word.length
        ? word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2)
        : word;
    case 2:
      return word.slice(0, i) + word.charAt(i) + word.slice(i);
    default: {
      // A neighbouring code point: for Latin and Cyrillic letters, another letter of the same script.
      const code = word.charCodeAt(i);
      return word.slice(0, i) + String.fromCharCode(code + (random() < 0.5 ? -1 : 1)) + word.slice(i + 1);
    }
  }
}

/**
 * Gives each word of four or more characters that contains a letter one typo (a dropped,
 * swapped, doubled or replaced character) with probability `rate`.
 */
export function addTypos(text: string, rate: number, random: Random): string {
  return text
    .split(" ")
    .map((word) => (word.length >= 4 && /\p{L}/u.test(word) && random() < rate ? typo(word, random) : word))
    .join(" ");
}

/** Keeps a random window of at most `words` consecutive words, like a one-line fragment. */
export function fragment(text: string, words: number, random: Random): string {
  const parts = text.split(/\s+/u).filter((part) => part !== "");
  if (parts.length <= words) return text;
  const start = Math.floor(random() * (parts.length - words + 1));
  return parts.slice(start, start + words).join(" ");
}
