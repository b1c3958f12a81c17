// Letters, apostrophes and hyphens inside a word; digits too, so order ids stay one token.
const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** The words of a text, as the customer wrote them. */
export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Lower case, ё read as е and a typographic apostrophe as a plain one: how word lists are matched. */
export const normalise = (text: string): string => text.toLowerCase().replace(/ё/g, "е").replace(/’/g, "'");
