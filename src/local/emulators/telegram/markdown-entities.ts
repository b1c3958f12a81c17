/**
 * Telegram's MarkdownV2 and legacy Markdown, following TDLib's `parse_markdown_v2` / `parse_markdown`: the same
 * reserved characters, the same errors with UTF-8 byte offsets. Blockquotes (`>` at a line start) are modelled
 * simply: a run of quoted lines becomes one blockquote; `**>` ... `||` makes it expandable.
 */
import type { MessageEntity } from "grammy/types";
import { EntityParseError } from "./errors.js";
import type { FormattedText } from "./html-entities.js";
import { isUsableLink } from "./html-entities.js";
import { byteAt, isSpace, sortEntities, utf16UnitsOfByte } from "./text-units.js";

type V2Type =
  | "Bold"
  | "Italic"
  | "Underline"
  | "Strikethrough"
  | "Spoiler"
  | "Code"
  | "Pre"
  | "PreCode"
  | "TextUrl";

interface OpenV2 {
  type: V2Type;
  argument: string;
  offset: number;
  byteOffset: number;
  resultPosition: number;
}

const RESERVED = "_*[]()~`>#+-=|{}.!";
const ch = (s: string): number => s.charCodeAt(0);

const fail = (message: string): never => {
  throw new EntityParseError(message);
};

const reservedError = (c: number): never =>
  fail(`Character '${String.fromCharCode(c)}' is reserved and must be escaped with the preceding '\\'`);

const API_TYPE: Record<V2Type, MessageEntity["type"]> = {
  Bold: "bold",
  Italic: "italic",
  Underline: "underline",
  Strikethrough: "strikethrough",
  Spoiler: "spoiler",
  Code: "code",
  Pre: "pre",
  PreCode: "pre",
  TextUrl: "text_link",
};

function endsEntity(type: V2Type, bytes: Uint8Array, i: number): boolean {
  const c = byteAt(bytes, i);
  const next = byteAt(bytes, i + 1);
  switch (type) {
    case "Bold":
      return c === ch("*");
    case "Italic":
      return c === ch("_") && next !== ch("_");
    case "Underline":
      return c === ch("_") && next === ch("_");
    case "Strikethrough":
      return c === ch("~");
    case "Spoiler":
      return c === ch("|") && next === ch("|");
    case "Code":
      return c === ch("`");
    case "Pre":
    case "PreCode":
      return c === ch("`") && next === ch("`") && byteAt(bytes, i + 2) === ch("`");
    case "TextUrl":
      return c === ch("]");
  }
}

/** Skips the language tag and one leading newline after an opening ``` ; returns the new index and language. */
function openPre(bytes: Uint8Array, start: number): { next: number; language: string } {
  let i = start;
  let languageEnd = i;
  while (!isSpace(byteAt(bytes, languageEnd)) && byteAt(bytes, languageEnd) !== ch("`")) languageEnd++;
  let language = "";
  if (i !== languageEnd && languageEnd < bytes.length && byteAt(bytes, languageEnd) !== ch("`")) {
    language = Buffer.from(bytes.subarray(i, languageEnd)).toString("utf8");
    i = languageEnd;
  }
  const c = byteAt(bytes, i);
  if (c === ch("\n") || c === ch("\r")) {
    const d = byteAt(bytes, i + 1);
    i += (d === ch("\n") || d === ch("\r")) && c !== d ? 2 : 1;
  }
  return { next: i, language };
}

/** Reads `(url)` after a `]`; `i` points at `]`. Returns the url and the index of `)`. */
function readUrl(bytes: Uint8Array, closeBracket: number): { url: string; end: number } {
  let i = closeBracket + 2;
  const begin = i;
  const url: number[] = [];
  while (i < bytes.length && byteAt(bytes, i) !== ch(")")) {
    const next = byteAt(bytes, i + 1);
    if (byteAt(bytes, i) === ch("\\") && next > 0 && next <= 126) {
      url.push(next);
      i += 2;
      continue;
    }
    url.push(byteAt(bytes, i++));
  }
  if (byteAt(bytes, i) !== ch(")")) fail(`Can't find end of a URL at byte offset ${begin}`);
  return { url: Buffer.from(url).toString("utf8"), end: i };
}

/** Parses MarkdownV2 into plain text and entities, or throws {@link EntityParseError}. */
export function parseMarkdownV2(markdown: string): FormattedText {
  const bytes = Buffer.from(markdown, "utf8");
  const result: number[] = [];
  const entities: MessageEntity[] = [];
  const nested: OpenV2[] = [];
  let utf16Offset = 0;
  let quote: { offset: number; expandable: boolean } | undefined;
  const closeQuote = () => {
    if (quote && utf16Offset > quote.offset) {
      const type = quote.expandable ? "expandable_blockquote" : "blockquote";
      entities.push({ type, offset: quote.offset, length: utf16Offset - quote.offset });
    }
    quote = undefined;
  };

  for (let i = 0; i < bytes.length; i++) {
    const c = byteAt(bytes, i);
    const atLineStart = i === 0 || byteAt(bytes, i - 1) === ch("\n");
    if (atLineStart && nested.length === 0) {
      const expandableStart =
        c === ch("*") && byteAt(bytes, i + 1) === ch("*") && byteAt(bytes, i + 2) === ch(">");
      if (c === ch(">") || expandableStart) {
        if (!quote) quote = { offset: utf16Offset, expandable: expandableStart };
        if (expandableStart) i += 2;
        continue;
      }
      closeQuote();
    }
    const next = byteAt(bytes, i + 1);
    if (c === ch("\\") && next > 0 && next <= 126) {
      i++;
      result.push(next);
      utf16Offset += 1;
      continue;
    }
    const top = nested.at(-1);
    const inCode = top !== undefined && ["Code", "Pre", "PreCode"].includes(top.type);
    const reserved = inCode ? "`" : RESERVED;
    if (!reserved.includes(String.fromCharCode(c))) {
      result.push(c);
      utf16Offset += utf16UnitsOfByte(c);
      continue;
    }
    if (quote && c === ch("|") && next === ch("|") && [ch("\n"), 0].includes(byteAt(bytes, i + 2))) {
      quote.expandable = true;
      i++;
      continue;
    }
    if (top === undefined || !endsEntity(top.type, bytes, i)) {
      i = openV2(bytes, i, nested, utf16Offset, result.length);
      continue;
    }
    nested.pop();
    let skip = utf16Offset === top.offset;
    let argument = top.argument;
    if (top.type === "Underline" || top.type === "Spoiler") i += 1;
    if (top.type === "Pre" || top.type === "PreCode") i += 2;
    if (top.type === "TextUrl") {
      let url = Buffer.from(result.slice(top.resultPosition)).toString("utf8");
      if (byteAt(bytes, i + 1) === ch("(")) {
        const read = readUrl(bytes, i);
        url = read.url;
        i = read.end;
      }
      if (isUsableLink(url)) argument = url;
      else skip = true;
    }
    if (!skip) entities.push(toEntity(top, utf16Offset - top.offset, argument));
  }
  const unclosed = nested.at(-1);
  if (unclosed) fail(`Can't find end of ${unclosed.type} entity at byte offset ${unclosed.byteOffset}`);
  closeQuote();
  return { text: Buffer.from(result).toString("utf8"), entities: sortEntities(entities) };
}

function toEntity(open: OpenV2, length: number, argument: string): MessageEntity {
  const type = API_TYPE[open.type];
  if (type === "text_link") return { type, offset: open.offset, length, url: argument };
  if (open.type === "PreCode") return { type: "pre", offset: open.offset, length, language: argument };
  return { type, offset: open.offset, length } as MessageEntity;
}

/** Opens the entity a reserved character at `i` starts; returns the index of its last markup byte. */
function openV2(bytes: Uint8Array, start: number, nested: OpenV2[], offset: number, resultPosition: number) {
  let i = start;
  const c = byteAt(bytes, i);
  const next = byteAt(bytes, i + 1);
  let type: V2Type;
  let argument = "";
  if (c === ch("_")) {
    type = next === ch("_") ? "Underline" : "Italic";
    if (type === "Underline") i++;
  } else if (c === ch("*")) {
    type = "Bold";
  } else if (c === ch("~")) {
    type = "Strikethrough";
  } else if (c === ch("|") && next === ch("|")) {
    type = "Spoiler";
    i++;
  } else if (c === ch("[")) {
    type = "TextUrl";
  } else if (c === ch("`") && next === ch("`") && byteAt(bytes, i + 2) === ch("`")) {
    const pre = openPre(bytes, i + 3);
    type = pre.language ? "PreCode" : "Pre";
    argument = pre.language;
    i = pre.next - 1;
  } else if (c === ch("`")) {
    type = "Code";
  } else {
    return reservedError(c);
  }
  nested.push({ type, argument, offset, byteOffset: start, resultPosition });
  return i;
}

/** Parses legacy Markdown (`*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`). */
export function parseMarkdown(markdown: string): FormattedText {
  const bytes = Buffer.from(markdown, "utf8");
  const result: number[] = [];
  const entities: MessageEntity[] = [];
  let utf16Offset = 0;
  const markers = [ch("_"), ch("*"), ch("`"), ch("[")];
  for (let i = 0; i < bytes.length; i++) {
    const c = byteAt(bytes, i);
    if (c === ch("\\") && markers.includes(byteAt(bytes, i + 1))) {
      result.push(byteAt(bytes, ++i));
      utf16Offset++;
      continue;
    }
    if (!markers.includes(c)) {
      result.push(c);
      utf16Offset += utf16UnitsOfByte(c);
      continue;
    }
    const begin = i;
    const endCharacter = c === ch("[") ? ch("]") : c;
    i++;
    let isPre = false;
    let language = "";
    if (c === ch("`") && byteAt(bytes, i) === ch("`") && byteAt(bytes, i + 1) === ch("`")) {
      isPre = true;
      const pre = openPre(bytes, i + 2);
      language = pre.language;
      i = pre.next;
    }
    const entityOffset = utf16Offset;
    const entityResultPosition = result.length;
    const atEnd = (k: number) =>
      byteAt(bytes, k) === endCharacter &&
      (!isPre || (byteAt(bytes, k + 1) === ch("`") && byteAt(bytes, k + 2) === ch("`")));
    while (i < bytes.length && !atEnd(i)) {
      utf16Offset += utf16UnitsOfByte(byteAt(bytes, i));
      result.push(byteAt(bytes, i++));
    }
    if (i >= bytes.length) fail(`Can't find end of the entity starting at byte offset ${begin}`);
    const length = utf16Offset - entityOffset;
    if (c === ch("[")) {
      let url = Buffer.from(result.slice(entityResultPosition)).toString("utf8");
      if (byteAt(bytes, i + 1) === ch("(")) {
        i += 2;
        const urlBytes: number[] = [];
        while (i < bytes.length && byteAt(bytes, i) !== ch(")")) urlBytes.push(byteAt(bytes, i++));
        url = Buffer.from(urlBytes).toString("utf8");
      }
      if (length > 0 && isUsableLink(url))
        entities.push({ type: "text_link", offset: entityOffset, length, url });
    } else if (length > 0) {
      if (isPre) {
        entities.push({ type: "pre", offset: entityOffset, length, ...(language ? { language } : {}) });
      } else {
        const type = c === ch("_") ? "italic" : c === ch("*") ? "bold" : "code";
        entities.push({ type, offset: entityOffset, length });
      }
    }
    if (isPre) i += 2;
  }
  return { text: Buffer.from(result).toString("utf8"), entities: sortEntities(entities) };
}
