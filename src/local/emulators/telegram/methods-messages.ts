/** Text messages and what the bot does to messages: send, edit, delete, react, chat actions, forum topics. */
import type { ForumTopic, Message, MessageEntity } from "grammy/types";
import { badRequest, Descriptions } from "./errors.js";
import { formatText } from "./formatting.js";
import { isInlineKeyboard } from "./keyboard.js";
import {
  assertNotBlocked,
  findChatOrThrow,
  inlineKeyboardOf,
  prepareSend,
  readReplyMarkup,
  requireChatId,
  resolveThread,
  storeBotMessage,
} from "./message-sending.js";
import type { MethodContext } from "./method-context.js";
import type { Params } from "./params.js";
import type { ChatRecord, MessageRecord } from "./state.js";

const DELETE_WINDOW_MS = 48 * 60 * 60 * 1000;

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

/** Telegram's default topic icon colours. */
const TOPIC_COLORS = [7322096, 16766590, 13338331, 9367192, 16749490, 16478047];

function readEntities(params: Params, name: string): MessageEntity[] | undefined {
  const raw = params.json(name, `can't parse entities JSON object`);
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) throw badRequest(`can't parse entities: Field "${name}" must be an Array`);
  return raw as MessageEntity[];
}

function formatTextParam(params: Params) {
  return formatText({
    text: params.string("text") ?? "",
    parseMode: params.string("parse_mode"),
    entities: readEntities(params, "entities"),
  });
}

export function sendMessage(params: Params, ctx: MethodContext): Message {
  const chatId = requireChatId(params);
  const { text, entities } = formatTextParam(params);
  const markup = readReplyMarkup(params);
  const send = prepareSend(ctx, params, chatId);
  return storeBotMessage(ctx, send, { text, ...(entities.length > 0 ? { entities } : {}) }, markup);
}

/** Finds the bot's own message to edit, with Telegram's errors for a missing or foreign one. */
function editableMessage(params: Params, ctx: MethodContext): { record: ChatRecord; stored: MessageRecord } {
  if (params.has("inline_message_id")) throw badRequest("MESSAGE_ID_INVALID");
  const chatId = requireChatId(params);
  const messageId = params.int("message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const record = findChatOrThrow(ctx, chatId);
  const stored = ctx.state.liveMessage(record, messageId);
  if (!stored) throw badRequest(Descriptions.messageToEditNotFound);
  if (!stored.fromBot) throw badRequest("message can't be edited");
  return { record, stored };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function inlineMarkupParam(params: Params) {
  const markup = readReplyMarkup(params);
  if (markup !== undefined && !isInlineKeyboard(markup)) throw badRequest("inline keyboard expected");
  return inlineKeyboardOf(markup);
}

/** Replaces a message's text; without `reply_markup` the inline keyboard is removed, as on Telegram. */
export function editMessageText(params: Params, ctx: MethodContext): Message {
  const { text, entities } = formatTextParam(params);
  const keyboard = inlineMarkupParam(params);
  const { record, stored } = editableMessage(params, ctx);
  const current = stored.message;
  if (current.text === undefined) throw badRequest("there is no text in the message to edit");
  const newEntities = entities.length > 0 ? entities : undefined;
  if (current.text === text && same(current.entities, newEntities) && same(current.reply_markup, keyboard)) {
    throw badRequest(Descriptions.notModified);
  }
  const { entities: _oldEntities, reply_markup: _oldMarkup, ...rest } = current;
  stored.message = {
    ...rest,
    text,
    ...(newEntities ? { entities: newEntities } : {}),
    ...(keyboard ? { reply_markup: keyboard } : {}),
    edit_date: ctx.state.unixNow(),
  } as Message;
  ctx.state.touch(record, current.message_id);
  return stored.message;
}

export function editMessageReplyMarkup(params: Params, ctx: MethodContext): Message {
  const keyboard = inlineMarkupParam(params);
  const { record, stored } = editableMessage(params, ctx);
  if (same(stored.message.reply_markup, keyboard)) throw badRequest(Descriptions.notModified);
  const { reply_markup: _oldMarkup, ...rest } = stored.message;
  stored.message = { ...rest, ...(keyboard ? { reply_markup: keyboard } : {}) } as Message;
  ctx.state.touch(record, stored.message.message_id);
  return stored.message;
}

export function deleteMessage(params: Params, ctx: MethodContext): boolean {
  const record = findChatOrThrow(ctx, requireChatId(params));
  const stored = ctx.state.liveMessage(record, params.int("message_id") ?? 0);
  if (!stored) throw badRequest("message to delete not found");
  if (ctx.state.now().getTime() - stored.createdAt > DELETE_WINDOW_MS) {
    throw badRequest("message can't be deleted for everyone");
  }
  if (!stored.fromBot && record.chat.type !== "private" && !record.botIsAdmin) {
    throw badRequest("message can't be deleted");
  }
  stored.deleted = true;
  ctx.state.touch(record, stored.message.message_id);
  return true;
}

export function setMessageReaction(params: Params, ctx: MethodContext): boolean {
  const record = findChatOrThrow(ctx, requireChatId(params));
  if (!ctx.state.liveMessage(record, params.int("message_id") ?? 0)) throw badRequest("MESSAGE_ID_INVALID");
  const reaction = params.json("reaction", "can't parse reaction types JSON object");
  if (reaction !== undefined && !Array.isArray(reaction)) throw badRequest("REACTION_INVALID");
  return true;
}

export function sendChatAction(params: Params, ctx: MethodContext): boolean {
  const chatId = requireChatId(params);
  const action = params.string("action") ?? "";
  if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
  const record = findChatOrThrow(ctx, chatId);
  resolveThread(record, params);
  assertNotBlocked(ctx, record);
  return true;
}

/** Opens a topic in a forum supergroup; like Telegram, it posts a service message whose id is the thread id. */
export function createForumTopic(params: Params, ctx: MethodContext): ForumTopic {
  const record = findChatOrThrow(ctx, requireChatId(params));
  if (!record.chat.is_forum) throw badRequest("the chat is not a forum");
  if (!record.botIsAdmin) throw badRequest("not enough rights to create a topic");
  const name = params.string("name") ?? "";
  if (name.length === 0) throw badRequest("TOPIC_TITLE_EMPTY");
  if (name.length > 128) throw badRequest("TOPIC_TITLE_TOO_LONG");
  const color = params.int("icon_color") ?? TOPIC_COLORS[0] ?? 0;
  if (!TOPIC_COLORS.includes(color)) throw badRequest("TOPIC_ICON_COLOR_INVALID");
  const emojiId = params.string("icon_custom_emoji_id");
  const created = ctx.state.addMessage(
    record,
    true,
    (messageId, date) =>
      ({
        message_id: messageId,
        message_thread_id: messageId,
        from: ctx.state.botUser,
        chat: record.chat,
        date,
        is_topic_message: true,
        forum_topic_created: {
          name,
          icon_color: color,
          ...(emojiId ? { icon_custom_emoji_id: emojiId } : {}),
        },
      }) as Message,
  );
  const topic: ForumTopic = {
    message_thread_id: created.message_id,
    name,
    icon_color: color,
    ...(emojiId ? { icon_custom_emoji_id: emojiId } : {}),
  };
  record.topics.set(topic.message_thread_id, topic);
  return topic;
}
