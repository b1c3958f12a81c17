/**
 * Turns a method's `text`/`caption` + `parse_mode`/`entities` into what Telegram stores: plain text trimmed of
 * surrounding whitespace, entities in UTF-16 offsets, and the length limits checked after parsing.
 */
import type { MessageEntity } from "grammy/types";
import { withAutoEntities } from "./auto-entities.js";
import { badRequest, cantParseEntities, Descriptions, EntityParseError } from "./errors.js";
import { type FormattedText, parseHtml } from "./html-entities.js";
import { parseMarkdown, parseMarkdownV2 } from "./markdown-entities.js";
import { utf16Length } from "./text-units.js";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface FormatInput {
  text: string;
  parseMode?: string | undefined;
  entities?: MessageEntity[] | undefined;
}

function parse({ text, parseMode, entities }: FormatInput): FormattedText {
  if (entities !== undefined) return { text, entities: entities.map((e) => ({ ...e })) };
  switch ((parseMode ?? "").toLowerCase()) {
    case "":
      return { text, entities: [] };
    case "html":
      return parseHtml(text);
    case "markdownv2":
      return parseMarkdownV2(text);
    case "markdown":
      return parseMarkdown(text);
    default:
      throw badRequest("unsupported parse_mode");
  }
}

/** Drops surrounding whitespace as Telegram does, moving and clipping the entities with it. */
function trim({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept: MessageEntity[] = [];
  for (const entity of entities) {
    const from = Math.max(entity.offset - start, 0);
    const to = Math.min(entity.offset + entity.length - start, trimmed.length);
    if (to > from) kept.push({ ...entity, offset: from, length: to - from });
  }
  return { text: trimmed, entities: kept };
}

/** Formats a message text; throws the Bot API error a real server answers with. */
export function formatText(input: FormatInput): FormattedText {
  const formatted = trim(parseOrThrow(input));
  if (formatted.text.length === 0) throw badRequest(Descriptions.textEmpty);
  if (utf16Length(formatted.text) > TEXT_LIMIT) throw badRequest(Descriptions.textTooLong);
  return { text: formatted.text, entities: withAutoEntities(formatted.text, formatted.entities) };
}

/** Formats a media caption (may be empty). */
export function formatCaption(input: FormatInput): FormattedText {
  const formatted = trim(parseOrThrow(input));
  if (utf16Length(formatted.text) > CAPTION_LIMIT) throw badRequest(Descriptions.captionTooLong);
  return { text: formatted.text, entities: withAutoEntities(formatted.text, formatted.entities) };
}

function parseOrThrow(input: FormatInput): FormattedText {
  try {
    return parse(input);
  } catch (error) {
    throw error instanceof EntityParseError ? cantParseEntities(error) : error;
  }
}
