/**
 * Telegram's HTML formatting (parse_mode "HTML"), following TDLib's `parse_html` byte for byte: the same tags,
 * the same tolerance (a bare `&` or `>` and unknown references such as `&nbsp;` stay literal) and the same error
 * messages with UTF-8 byte offsets. Offsets of the produced entities are in UTF-16 code units.
 */
import type { MessageEntity } from "grammy/types";
import { EntityParseError } from "./errors.js";
import { appendUtf8, byteAt, isSpace, sortEntities, utf16UnitsOfByte } from "./text-units.js";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "tg-time",
  "span",
  "pre",
  "code",
  "blockquote",
]);

const AMP = 0x26;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;

interface OpenTag {
  tag: string;
  argument: string;
  offset: number;
  resultPosition: number;
}

const fail = (message: string): never => {
  throw new EntityParseError(message);
};

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.subarray(from, to)).toString("utf8");

const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Decodes `&lt; &gt; &amp; &quot;` and numeric references (`;` optional); undefined leaves the `&` literal. */
function decodeReference(
  bytes: Uint8Array,
  position: number,
): { codePoint: number; end: number } | undefined {
  let end = position + 1;
  let codePoint = 0;
  if (byteAt(bytes, end) === 0x23) {
    end++;
    const hex = byteAt(bytes, end) === 0x78;
    if (hex) end++;
    while (hex ? isHexDigit(byteAt(bytes, end)) : isDigit(byteAt(bytes, end))) {
      codePoint = codePoint * (hex ? 16 : 10) + Number.parseInt(String.fromCharCode(byteAt(bytes, end)), 16);
      end++;
      if (codePoint >= 0x10ffff) return undefined;
    }
    if (codePoint === 0 || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return undefined;
  } else {
    while (isAlpha(byteAt(bytes, end))) end++;
    const name = ascii(bytes, position + 1, end);
    const named: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };
    codePoint = named[name] ?? 0;
    if (codePoint === 0) return undefined;
  }
  return { codePoint, end: byteAt(bytes, end) === 0x3b ? end + 1 : end };
}

/** Reads an attribute value at `i`: a lowercased name token or a quoted string with references decoded. */
function readAttributeValue(bytes: Uint8Array, start: number): { value: string; next: number } {
  let i = start;
  const first = byteAt(bytes, i);
  if (first !== QUOTE && first !== APOS) {
    while (isAlpha(byteAt(bytes, i)) || isDigit(byteAt(bytes, i)) || [0x2e, 0x2d].includes(byteAt(bytes, i)))
      i++;
    if (!isSpace(byteAt(bytes, i)) && byteAt(bytes, i) !== GT) {
      fail(`Unexpected end of name token at byte offset ${start}`);
    }
    return { value: ascii(bytes, start, i).toLowerCase(), next: i };
  }
  i++;
  const value: number[] = [];
  while (byteAt(bytes, i) !== first && byteAt(bytes, i) !== 0) {
    const reference = byteAt(bytes, i) === AMP ? decodeReference(bytes, i) : undefined;
    if (reference) {
      appendUtf8(value, reference.codePoint);
      i = reference.end;
    } else {
      value.push(byteAt(bytes, i++));
    }
  }
  if (byteAt(bytes, i) === first) i++;
  return { value: Buffer.from(value).toString("utf8"), next: i };
}

/** Parses a start tag whose `<` is at `begin`; returns the open tag and the index of its closing `>`. */
function readStartTag(bytes: Uint8Array, begin: number, utf16Offset: number, resultPosition: number) {
  let i = begin + 1;
  while (!isSpace(byteAt(bytes, i)) && byteAt(bytes, i) !== GT) i++;
  if (byteAt(bytes, i) === 0) fail(`Unclosed start tag at byte offset ${begin}`);
  const tag = ascii(bytes, begin + 1, i).toLowerCase();
  if (!SUPPORTED_TAGS.has(tag)) fail(`Unsupported start tag "${tag}" at byte offset ${begin}`);

  let argument = "";
  while (byteAt(bytes, i) !== GT) {
    while (byteAt(bytes, i) !== 0 && isSpace(byteAt(bytes, i))) i++;
    if (byteAt(bytes, i) === GT) break;
    const nameBegin = i;
    while (!isSpace(byteAt(bytes, i)) && ![EQ, GT, SLASH, QUOTE, APOS].includes(byteAt(bytes, i))) i++;
    const attribute = ascii(bytes, nameBegin, i);
    if (attribute === "") fail(`Empty attribute name in the tag "${tag}" at byte offset ${begin}`);
    while (byteAt(bytes, i) !== 0 && isSpace(byteAt(bytes, i))) i++;
    if (byteAt(bytes, i) !== EQ) {
      if (byteAt(bytes, i) === 0) fail(`Unclosed start tag "${tag}" at byte offset ${begin}`);
      if (tag === "blockquote" && attribute === "expandable") argument = "1";
      continue;
    }
    i++;
    while (byteAt(bytes, i) !== 0 && isSpace(byteAt(bytes, i))) i++;
    if (byteAt(bytes, i) === 0) fail(`Unclosed start tag "${tag}" at byte offset ${begin}`);
    const { value, next } = readAttributeValue(bytes, i);
    i = next;
    if (byteAt(bytes, i) === 0) fail(`Unclosed start tag at byte offset ${begin}`);
    if ((tag === "a" && attribute === "href") || (tag === "tg-emoji" && attribute === "emoji-id")) {
      argument = value;
    } else if (tag === "code" && attribute === "class" && value.startsWith("language-")) {
      argument = value.slice("language-".length);
    } else if (tag === "span" && attribute === "class" && value.startsWith("tg-")) {
      argument = value.slice("tg-".length);
    } else if (tag === "blockquote" && attribute === "expandable") {
      argument = "1";
    }
  }
  if (tag === "span" && argument !== "spoiler") {
    fail(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
  }
  const open: OpenTag = { tag, argument, offset: utf16Offset, resultPosition };
  return { open, end: i };
}

const SIMPLE_TYPES: Record<string, MessageEntity["type"]> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
};

function closeEntity(entities: MessageEntity[], open: OpenTag, length: number, result: number[]): void {
  const { offset } = open;
  const last = entities.at(-1);
  const sameSpan = last !== undefined && last.offset === offset && last.length === length;
  const simple = SIMPLE_TYPES[open.tag];
  if (simple) {
    entities.push({ type: simple, offset, length } as MessageEntity);
  } else if (open.tag === "tg-emoji") {
    if (!/^[0-9]+$/.test(open.argument) || BigInt(open.argument) === 0n) {
      fail("Invalid custom emoji identifier specified");
    }
    entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: open.argument });
  } else if (open.tag === "a") {
    // An <a> without href links its own text, as in TDLib; a link Telegram can't use is dropped silently.
    const url = open.argument || Buffer.from(result.slice(open.resultPosition)).toString("utf8");
    if (isUsableLink(url)) entities.push({ type: "text_link", offset, length, url });
  } else if (open.tag === "pre") {
    if (sameSpan && last.type === "code" && codeLanguage(last)) {
      entities[entities.length - 1] = { type: "pre", offset, length, language: codeLanguage(last) };
    } else {
      entities.push({ type: "pre", offset, length });
    }
  } else if (open.tag === "code") {
    if (sameSpan && last.type === "pre" && open.argument) {
      last.language = open.argument;
    } else {
      // The language is kept only until an enclosing <pre> closes; a lone <code> has none in the API.
      entities.push({ type: "code", offset, length, ...(open.argument ? { language: open.argument } : {}) });
    }
  } else if (open.tag === "blockquote") {
    entities.push({ type: open.argument ? "expandable_blockquote" : "blockquote", offset, length });
  }
  // tg-time carries a date the emulator does not model: the text is kept, no entity is made.
}

const codeLanguage = (entity: MessageEntity): string | undefined =>
  (entity as { language?: string }).language || undefined;

/** Accepts what Telegram's `check_link` would: http(s)/tg/ton schemes, or a bare host that it prefixes. */
export function isUsableLink(url: string): boolean {
  if (url.length === 0 || /\s/.test(url)) return false;
  if (/^(https?|tg|ton):/i.test(url)) return true;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/.*)?$/i.test(url);
}

/** Parses Telegram HTML into plain text and entities, or throws {@link EntityParseError}. */
export function parseHtml(html: string): FormattedText {
  const bytes = Buffer.from(html, "utf8");
  const result: number[] = [];
  const entities: MessageEntity[] = [];
  const nested: OpenTag[] = [];
  let utf16Offset = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = byteAt(bytes, i);
    if (c === AMP) {
      const reference = decodeReference(bytes, i);
      if (reference) {
        appendUtf8(result, reference.codePoint);
        utf16Offset += reference.codePoint > 0xffff ? 2 : 1;
        i = reference.end - 1;
        continue;
      }
    }
    if (c !== LT) {
      result.push(c);
      utf16Offset += utf16UnitsOfByte(c);
      continue;
    }
    const begin = i;
    if (byteAt(bytes, i + 1) !== SLASH) {
      const { open, end } = readStartTag(bytes, begin, utf16Offset, result.length);
      nested.push(open);
      i = end;
      continue;
    }
    const open = nested.pop() ?? fail(`Unexpected end tag at byte offset ${begin}`);
    i += 2;
    while (!isSpace(byteAt(bytes, i)) && byteAt(bytes, i) !== GT) i++;
    const endTag = ascii(bytes, begin + 2, i).toLowerCase();
    while (isSpace(byteAt(bytes, i)) && byteAt(bytes, i) !== 0) i++;
    if (byteAt(bytes, i) !== GT) fail(`Unclosed end tag at byte offset ${begin}`);
    if (endTag !== "" && endTag !== open.tag) {
      fail(`Unmatched end tag at byte offset ${begin}, expected "</${open.tag}>", found "</${endTag}>"`);
    }
    if (utf16Offset > open.offset) closeEntity(entities, open, utf16Offset - open.offset, result);
  }
  const unclosed = nested.at(-1);
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  for (const entity of entities) {
    if (entity.type === "code") delete (entity as { language?: string }).language;
  }
  return { text: Buffer.from(result).toString("utf8"), entities: sortEntities(entities) };
}
