/** Telegram's cap on a text message, counted in UTF-16 code units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export interface SplitOptions {
  /** Largest Telegram length of one part, marker included; defaults to {@link TELEGRAM_TEXT_LIMIT}. */
  readonly limit?: number;
  /**
   * Named in the marker of every part after the first (`(2/3 · #42) `), which starts without the first's
   * header: a customer replying to any part is understood. Plain text, no HTML.
   */
  readonly tag?: string;
}

/** An element of the input; identity matters, so two adjacent `<b>`s stay two. */
interface Element {
  readonly name: string;
  /** The opening tag exactly as written, reused when the element is reopened in the next part. */
  readonly open: string;
}

/** One code point (or one entity) of text with the elements around it, outermost first. */
interface Atom {
  readonly plain: string;
  readonly source: string;
  readonly stack: readonly Element[];
}

const TAG =
  /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*(\/?)>/y;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));/y;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const WHITESPACE = new Set([" ", "\t", "\n", "\r", "\f", "\v", "\u2028", "\u2029", "\u3000"]);
const SENTENCE_END = new Set([".", "!", "?", "…"]);
/** Full-width sentence ends: CJK puts no space after them, so the cut may follow them directly. */
const CJK_SENTENCE_END = new Set(["。", "！", "？"]);
const CLOSING_PUNCTUATION = new Set(['"', "'", "»", "”", "’", ")", "]"]);
/** Code points that belong to the character before them (combining marks, joiners, emoji modifiers). */
const COMBINING_MARK = /^\p{M}/u;

function clingsToPrevious(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    COMBINING_MARK.test(char) ||
    code === 0x200d ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0x1f3fb && code <= 0x1f3ff) ||
    (code >= 0xe0020 && code <= 0xe007f)
  );
}

/** Cut quality, best last: a hard cut, a space, a sentence end, a line break, a blank line. */
const Rank = { Hard: 0, Word: 1, Sentence: 2, Line: 3, Paragraph: 4 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

/**
 * Splits a message in Telegram's HTML subset into parts that each fit `limit` as Telegram measures it.
 *
 * A message that fits comes back unchanged as the only part. Otherwise every part starts with the marker
 * `(i/n) ` (`(i/n · tag) ` after the first, with a tag; counted against the limit) and is balanced on its
 * own: an element cut in two is closed at the end of one part and reopened, same attributes, at the start
 * of the next. Cuts fall, by preference, after a blank line, a line break, a sentence end, a space, else
 * anywhere between code points; never inside a surrogate pair, an entity or a tag. A better kind of cut
 * wins only if it keeps the part at least half full. The whitespace at a cut stays at the end of the earlier part, so the parts' texts without their
 * markers, joined, are exactly the input's text.
 */
export function splitMessage(html: string, options: SplitOptions = {}): string[] {
  const limit = options.limit ?? TELEGRAM_TEXT_LIMIT;
  const atoms = parse(html);
  const offsets = [0];
  for (const atom of atoms) offsets.push((offsets.at(-1) ?? 0) + atom.plain.length);
  if ((offsets.at(-1) ?? 0) <= limit) return [html];
  const ranks = cutRanks(atoms);
  for (let digits = 1; ; digits++) {
    // The marker's length depends on the part count, which depends on the room the marker leaves.
    const ends = cutPoints(
      atoms,
      offsets,
      ranks,
      (index) => limit - marker(index, 10 ** digits - 1, options.tag).length,
    );
    if (String(ends.length).length > digits) continue;
    let start = 0;
    return ends.map((end, i) => {
      const part = `${marker(i + 1, ends.length, options.tag)}${render(atoms, start, end)}`;
      start = end;
      return part;
    });
  }
}

function marker(index: number, total: number, tag: string | undefined): string {
  return index > 1 && tag !== undefined ? `(${index}/${total} · ${tag}) ` : `(${index}/${total}) `;
}

function cutPoints(
  atoms: readonly Atom[],
  offsets: readonly number[],
  ranks: readonly Rank[],
  budgetOf: (index: number) => number,
): number[] {
  const ends: number[] = [];
  let start = 0;
  while (start < atoms.length) {
    const budget = budgetOf(ends.length + 1);
    // Two units is the widest atom (an astral character); less than that could never make progress.
    if (budget < 2) throw new RangeError("Split limit too small to fit a part marker and a character");
    const base = offsets[start] ?? 0;
    let end = start;
    while (end < atoms.length && (offsets[end + 1] ?? 0) - base <= budget) end++;
    if (end < atoms.length) end = bestCut(start, end, ranks, offsets, base + budget / 2, atoms);
    ends.push(end);
    start = end;
  }
  return ends;
}

function bestCut(
  start: number,
  end: number,
  ranks: readonly Rank[],
  offsets: readonly number[],
  minOffset: number,
  atoms: readonly Atom[],
): number {
  let best = end;
  let bestRank: Rank = Rank.Hard;
  for (let p = end; p > start && (offsets[p] ?? 0) >= minOffset; p--) {
    const rank = ranks[p] ?? Rank.Hard;
    if (rank > bestRank) {
      best = p;
      bestRank = rank;
      if (rank === Rank.Paragraph) break;
    }
  }
  if (bestRank !== Rank.Hard) return best;
  // A hard cut still keeps an emoji's modifier or a letter's accent with the character it belongs to.
  for (let p = end, steps = 0; p > start + 1 && steps < 8; p--, steps++) {
    if (!clingsToPrevious(atoms[p]?.plain ?? "") && atoms[p - 1]?.plain !== "\u200D") return p;
  }
  return end;
}

/** The rank of cutting before each atom index (index 0 and the end are never cuts). */
function cutRanks(atoms: readonly Atom[]): Rank[] {
  const ranks: Rank[] = [Rank.Hard];
  let newlines = 0;
  let afterSentence = false;
  atoms.forEach((atom, i) => {
    const previous = i > 0 ? atoms[i - 1] : undefined;
    if (WHITESPACE.has(atom.plain)) {
      if (!previous || !WHITESPACE.has(previous.plain)) {
        newlines = 0;
        afterSentence = endsSentence(atoms, i);
      }
      if (atom.plain === "\n") newlines++;
      ranks.push(whitespaceRank(newlines, afterSentence));
    } else ranks.push(CJK_SENTENCE_END.has(atom.plain) ? Rank.Sentence : Rank.Hard);
  });
  return ranks;
}

/** The rank of a cut inside or after a run of whitespace, given what the run holds so far. */
function whitespaceRank(newlines: number, afterSentence: boolean): Rank {
  if (newlines >= 2) return Rank.Paragraph;
  if (newlines === 1) return Rank.Line;
  return afterSentence ? Rank.Sentence : Rank.Word;
}

/** Whether the text just before `index` ends a sentence, allowing closing quotes or brackets after it. */
function endsSentence(atoms: readonly Atom[], index: number): boolean {
  let i = index - 1;
  while (i >= 0 && CLOSING_PUNCTUATION.has(atoms[i]?.plain ?? "")) i--;
  return SENTENCE_END.has(atoms[i]?.plain ?? "");
}

/** Serialises atoms `[from, to)` as balanced HTML, opening and closing elements where their stacks differ. */
function render(atoms: readonly Atom[], from: number, to: number): string {
  let out = "";
  let open: readonly Element[] = [];
  for (const atom of atoms.slice(from, to)) {
    if (atom.stack !== open) {
      out += transition(open, atom.stack);
      open = atom.stack;
    }
    out += atom.source;
  }
  return out + transition(open, []);
}

function transition(from: readonly Element[], to: readonly Element[]): string {
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  let out = "";
  for (let i = from.length - 1; i >= common; i--) out += `</${from[i]?.name}>`;
  for (const element of to.slice(common)) out += element.open;
  return out;
}

/** Reads the HTML into atoms; stray `<`, `>` and `&` become text, unmatched closing tags are ignored. */
function parse(html: string): Atom[] {
  const atoms: Atom[] = [];
  let stack: readonly Element[] = [];
  let i = 0;
  while (i < html.length) {
    const char = html[i];
    if (char === "<") {
      TAG.lastIndex = i;
      const tag = TAG.exec(html);
      if (tag) {
        i = TAG.lastIndex;
        const name = (tag[2] ?? "").toLowerCase();
        if (tag[1]) {
          const depth = stack.findLastIndex((element) => element.name === name);
          if (depth >= 0) stack = stack.slice(0, depth);
        } else if (!tag[3]) stack = [...stack, { name, open: tag[0] }];
        continue;
      }
      atoms.push({ plain: "<", source: "&lt;", stack });
      i++;
    } else if (char === "&") {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(html);
      const plain = entity && decodeEntity(entity);
      if (entity && plain) {
        atoms.push({ plain, source: entity[0], stack });
        i = ENTITY.lastIndex;
      } else {
        atoms.push({ plain: "&", source: "&amp;", stack });
        i++;
      }
    } else if (char === ">") {
      atoms.push({ plain: ">", source: "&gt;", stack });
      i++;
    } else {
      const code = html.codePointAt(i) ?? 0;
      const plain = String.fromCodePoint(code);
      atoms.push({ plain, source: plain, stack });
      i += plain.length;
    }
  }
  return atoms;
}

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (name) return NAMED[name];
  const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? "", 16);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? String.fromCodePoint(code) : undefined;
}
