import fc from "fast-check";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { splitMessage, TELEGRAM_TEXT_LIMIT } from "./split-message.js";

/**
 * Reads Telegram HTML with a real parser (XML mode, so no HTML auto-closing rules) into its text and, per
 * UTF-16 unit, the formatting around it: the open tags with their attributes, outermost first.
 */
function readTelegramHtml(html: string): { text: string; formats: string[] } {
  let text = "";
  const formats: string[] = [];
  const open: string[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attributes) => open.push(`${name}${JSON.stringify(attributes)}`),
      onclosetag: () => open.pop(),
      ontext: (chunk) => {
        text += chunk;
        const format = open.join(" > ");
        for (let i = 0; i < chunk.length; i++) formats.push(format);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(html);
  return { text, formats };
}

const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-spoiler",
  "span",
]);
const TOKEN = /<(\/?)([a-z-]+)(?: [a-z]+="[^"<>]*")*>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[^<>&]+/y;

/** Strict check: only allowed tags, properly nested and all closed; every `&` starts an entity. */
function isWellFormed(html: string): boolean {
  const stack: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const token = TOKEN.exec(html);
    if (!token) return false;
    const [, closing, name] = token;
    if (name === undefined) continue;
    if (!ALLOWED_TAGS.has(name)) return false;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MARKER = /^\((\d+)\/(\d+)( · #\d+)?\) /;

function withoutMarker(part: string): string {
  return part.replace(MARKER, "");
}

/** Text pieces as [what Telegram shows, how the HTML spells it]. */
const PIECES: [string, string][] = [
  ["a", "a"],
  ["Z", "Z"],
  ["7", "7"],
  [" ", " "],
  ["\n", "\n"],
  ["\n\n", "\n\n"],
  [". ", ". "],
  ["! ", "! "],
  ["? ", "? "],
  ["… ", "… "],
  ["<", "&lt;"],
  [">", "&gt;"],
  ["&", "&amp;"],
  ['"', '"'],
  ['"', "&quot;"],
  ["я", "&#x44F;"],
  ["😀", "&#128512;"],
  ["Привет", "Привет"],
  ["Да. ", "Да. "],
  ["中文", "中文"],
  ["。", "。"],
  ["😀", "😀"],
  ["👍🏽", "👍🏽"],
  ["👨‍👩‍👧", "👨‍👩‍👧"],
  ["🇺🇦", "🇺🇦"],
  ["é", "é"],
];

const textNode = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 12 })
  .map((pieces) => pieces.map(([, source]) => source).join(""));

const openTag = fc.oneof(
  fc
    .constantFrom(
      "b",
      "strong",
      "i",
      "em",
      "u",
      "ins",
      "s",
      "strike",
      "del",
      "code",
      "pre",
      "blockquote",
      "tg-spoiler",
    )
    .map((name) => ({ name, open: `<${name}>` })),
  fc.constant({ name: "span", open: '<span class="tg-spoiler">' }),
  fc
    .webUrl({ withQueryParameters: true })
    .map((url) => ({ name: "a", open: `<a href="${url.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}">` })),
);

const { node } = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    textNode,
    fc
      .tuple(openTag, fc.array(tie("node"), { maxLength: 4 }))
      .map(([tag, children]) => `${tag.open}${children.join("")}</${tag.name}>`),
  ),
}));

const message = fc.array(node, { maxLength: 8 }).map((nodes) => nodes.join(""));

describe("splitMessage properties", () => {
  const cases = fc.record({ html: message, limit: fc.integer({ min: 16, max: 80 }) });
  const runs = { numRuns: 200 };

  it("keeps every part within the limit as Telegram measures it", () => {
    fc.assert(
      fc.property(cases, ({ html, limit }) => {
        for (const part of splitMessage(html, { limit })) {
          expect(readTelegramHtml(part).text.length).toBeLessThanOrEqual(limit);
        }
      }),
      runs,
    );
  });

  it("makes every part well-formed, with no broken entity and no lone surrogate", () => {
    fc.assert(
      fc.property(cases, ({ html, limit }) => {
        for (const part of splitMessage(html, { limit })) {
          expect(isWellFormed(part)).toBe(true);
          expect(readTelegramHtml(part).text).not.toMatch(LONE_SURROGATE);
        }
      }),
      runs,
    );
  });

  it("reassembles exactly: the parts' texts without markers, joined, equal the input's text", () => {
    fc.assert(
      fc.property(cases, ({ html, limit }) => {
        const parts = splitMessage(html, { limit }).map(withoutMarker);
        expect(parts.map((part) => readTelegramHtml(part).text).join("")).toBe(readTelegramHtml(html).text);
      }),
      runs,
    );
  });

  it("keeps the formatting of every character", () => {
    fc.assert(
      fc.property(cases, ({ html, limit }) => {
        const parts = splitMessage(html, { limit }).map(withoutMarker);
        expect(parts.flatMap((part) => readTelegramHtml(part).formats)).toEqual(
          readTelegramHtml(html).formats,
        );
      }),
      runs,
    );
  });

  it("numbers the parts (i/n) in order, or returns a message that fits unchanged", () => {
    fc.assert(
      fc.property(cases, ({ html, limit }) => {
        const parts = splitMessage(html, { limit });
        if (parts.length === 1) expect(parts[0]).toBe(html);
        else
          expect(parts.map((part) => part.match(MARKER)?.[0])).toEqual(
            parts.map((_, i) => `(${i + 1}/${parts.length}) `),
          );
      }),
      runs,
    );
  });
});

describe("splitMessage examples", () => {
  it("names the tag in the marker of every part after the first, and still fits the limit", () => {
    const html = `<b>#42 · Tom</b>\n${"word ".repeat(30)}`;
    const parts = splitMessage(html, { limit: 60, tag: "#42" });
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]).toMatch(/^\(1\/\d+\) <b>#42 · Tom<\/b>/);
    for (const part of parts.slice(1)) expect(part).toMatch(/^\(\d+\/\d+ · #42\) /);
    for (const part of parts) expect(part.replace(/<[^>]+>/g, "").length).toBeLessThanOrEqual(60);
    expect(parts.map(withoutMarker).join("")).toBe(html);
  });

  it("sends 4,096 units as one part with no marker", () => {
    const text = "a".repeat(TELEGRAM_TEXT_LIMIT);
    expect(splitMessage(text)).toEqual([text]);
  });

  it("splits 4,097 units into two marked parts", () => {
    const parts = splitMessage("a".repeat(TELEGRAM_TEXT_LIMIT + 1));
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^\(1\/2\) a+$/);
    expect(parts[1]).toMatch(/^\(2\/2\) a+$/);
    expect(parts.every((part) => part.length <= TELEGRAM_TEXT_LIMIT)).toBe(true);
  });

  it("splits a 12,000-character Russian text at paragraph ends", () => {
    const sentence = "Мы проверили ваш заказ, и всё в порядке. ";
    const paragraph = `${sentence.repeat(6).trimEnd()}\n\n`;
    const text = paragraph.repeat(Math.ceil(12_000 / paragraph.length));
    const parts = splitMessage(text).map(withoutMarker);
    expect(parts).toHaveLength(4);
    expect(parts.join("")).toBe(text);
    for (const part of parts.slice(0, -1)) {
      expect(part.endsWith(".\n\n")).toBe(true);
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT - "(1/4) ".length);
    }
  });

  it("splits a text of only emoji between surrogate pairs", () => {
    const text = "😀".repeat(3000);
    const parts = splitMessage(text);
    expect(parts).toHaveLength(2);
    expect(parts.map(withoutMarker).join("")).toBe(text);
    for (const part of parts) expect(part).not.toMatch(LONE_SURROGATE);
  });

  it("keeps an emoji's skin tone with it at a hard cut", () => {
    const parts = splitMessage("👍🏽".repeat(10), { limit: 16 }).map(withoutMarker);
    for (const part of parts) expect(part).toMatch(/^(👍🏽)+$/u);
  });

  it("reopens a long link in each part with the same address", () => {
    const url = `https://example.com/${"x".repeat(5000)}?a=1&amp;b=2`;
    const parts = splitMessage(`<a href="${url}">${url}</a>`).map(withoutMarker);
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(part.startsWith(`<a href="${url}">`)).toBe(true);
      expect(part.endsWith("</a>")).toBe(true);
      expect(part.match(/<a /g)).toHaveLength(1);
    }
  });

  it("never cuts inside an entity", () => {
    const parts = splitMessage("&amp;".repeat(50), { limit: 20 }).map(withoutMarker);
    for (const part of parts) expect(part).toMatch(/^(&amp;)+$/);
  });

  it("closes and reopens nested formatting at the cut", () => {
    const parts = splitMessage("<b>bold <i>both one two three four</i> end</b>", { limit: 24 });
    expect(parts).toEqual(["(1/2) <b>bold <i>both one two </i></b>", "(2/2) <b><i>three four</i> end</b>"]);
  });

  it("prefers a blank line, then a line break, then a sentence end, then a space", () => {
    expect(splitMessage("One two. Three\nfour five\n\nsix seven", { limit: 34 })).toEqual([
      "(1/2) One two. Three\nfour five\n\n",
      "(2/2) six seven",
    ]);
    expect(splitMessage("One two. Three\nfour five six", { limit: 26 })).toEqual([
      "(1/2) One two. Three\n",
      "(2/2) four five six",
    ]);
    expect(splitMessage("Раз два. Три четыре пять", { limit: 22 })).toEqual([
      "(1/2) Раз два. ",
      "(2/2) Три четыре пять",
    ]);
    expect(splitMessage("one two three four", { limit: 16 })).toEqual(["(1/2) one two ", "(2/2) three four"]);
  });

  it("ignores a better cut that would leave the part less than half full", () => {
    expect(splitMessage("Hi.\n\nabcdefghij klmnopqrstuvw", { limit: 26 })).toEqual([
      "(1/2) Hi.\n\nabcdefghij ",
      "(2/2) klmnopqrstuvw",
    ]);
  });

  it("leaves room for a two-digit part number once there are ten parts or more", () => {
    const parts = splitMessage("x".repeat(200), { limit: 20 });
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.every((part) => part.length <= 20)).toBe(true);
    expect(parts.at(-1)).toMatch(new RegExp(`^\\(${parts.length}/${parts.length}\\) x+$`));
  });

  it("refuses a limit too small for a marker and a character", () => {
    expect(() => splitMessage("x".repeat(20), { limit: 7 })).toThrow(RangeError);
  });
});
