/**
 * Entities Telegram finds on its own in any text, sent by a user or a bot: commands, mentions, hashtags,
 * cashtags, e-mail addresses and links. grammY's `bot.command()` depends on the `bot_command` entity, so user
 * messages must carry it. Detection is simpler than Telegram's (a short list of bare-domain TLDs).
 */
import type { MessageEntity } from "grammy/types";
import { sortEntities } from "./text-units.js";

const BARE_TLDS = "com|org|net|io|dev|app|me|co|info|ai|edu|gov|ru|de|uk|fr|es|it|nl|eu|us";

const PATTERNS: ReadonlyArray<{ type: MessageEntity["type"]; regex: RegExp }> = [
  { type: "email", regex: /(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?![\w@])/giu },
  {
    type: "url",
    regex: new RegExp(
      `(?<![\\w@/.])(?:(?:https?|tg)://[^\\s<>"]+|(?:[a-z0-9-]+\\.)+(?:${BARE_TLDS})(?::\\d+)?(?:/[^\\s<>"]*)?)(?![\\w@])`,
      "giu",
    ),
  },
  { type: "bot_command", regex: /(?<![\w/])\/[a-z0-9_]{1,64}(?:@[a-z0-9_]{3,32})?(?![\w/])/giu },
  { type: "mention", regex: /(?<![\w@])@[a-z0-9_]{4,32}(?![\w@])/giu },
  { type: "hashtag", regex: /(?<![\w#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/giu },
  { type: "cashtag", regex: /(?<![\w$])\$[A-Z]{3,8}(?![\w$])/gu },
];

/** Entity types whose text Telegram does not scan for links or commands. */
const OPAQUE: ReadonlySet<string> = new Set(["code", "pre", "text_link", "url", "email", "text_mention"]);

const overlaps = (a: MessageEntity, b: MessageEntity): boolean =>
  a.offset < b.offset + b.length && b.offset < a.offset + a.length;

/** Adds the auto-detected entities of `text` that don't overlap explicit code, pre or link entities. */
export function withAutoEntities(text: string, explicit: MessageEntity[]): MessageEntity[] {
  const blocked = explicit.filter((e) => OPAQUE.has(e.type));
  const found: MessageEntity[] = [];
  for (const { type, regex } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      let value = match[0];
      if (type === "url") value = value.replace(/[.,;:!?)'"]+$/u, "");
      const entity = { type, offset: match.index, length: value.length } as MessageEntity;
      if ([...blocked, ...found].some((other) => overlaps(other, entity))) continue;
      found.push(entity);
    }
  }
  return sortEntities([...explicit, ...found]);
}
