/**
 * Checks and building blocks shared by the sending methods: which chat, which topic, which reply, whether the
 * user blocked the bot, and the flood limit, in the order a real server reports them.
 */
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { badRequest, Descriptions, forbidden, tooManyRequests } from "./errors.js";
import { isInlineKeyboard, type ReplyMarkup, validateReplyMarkup } from "./keyboard.js";
import type { MethodContext } from "./method-context.js";
import type { Params } from "./params.js";
import type { ChatRecord } from "./state.js";

export function requireChatId(params: Params): string {
  return params.requiredString("chat_id", "chat_id is empty");
}

export function findChatOrThrow(ctx: MethodContext, chatId: string): ChatRecord {
  const record = ctx.state.findChat(chatId);
  if (!record) throw badRequest(Descriptions.chatNotFound);
  return record;
}

export function assertNotBlocked(ctx: MethodContext, record: ChatRecord): void {
  if (record.chat.type === "private" && ctx.state.blocked.has(record.chat.id)) {
    throw forbidden(Descriptions.blocked);
  }
}

export function readReplyMarkup(params: Params): ReplyMarkup | undefined {
  const raw = params.json("reply_markup", "can't parse reply keyboard markup JSON object");
  return raw === undefined ? undefined : validateReplyMarkup(raw);
}

/** The inline keyboard to store on a message; an empty one counts as none, as on Telegram. */
export function inlineKeyboardOf(markup: ReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  if (!isInlineKeyboard(markup) || markup.inline_keyboard.every((row) => row.length === 0)) return undefined;
  return markup;
}

/** Validates `message_thread_id`: a forum's topic, or a thread rooted at an existing message elsewhere. */
export function resolveThread(record: ChatRecord, params: Params): number | undefined {
  const threadId = params.int("message_thread_id");
  if (threadId === undefined) return undefined;
  const known = record.chat.is_forum ? record.topics.has(threadId) : record.messages.has(threadId);
  if (!known || record.chat.type === "private") throw badRequest(Descriptions.threadNotFound);
  return threadId;
}

/** The message replied to, from `reply_parameters` or the older `reply_to_message_id`. */
export function resolveReply(ctx: MethodContext, record: ChatRecord, params: Params): Message | undefined {
  const raw = params.json("reply_parameters", "can't parse reply parameters JSON object") as
    | { message_id?: unknown; allow_sending_without_reply?: unknown }
    | undefined;
  const messageId = raw ? Number(raw.message_id) : params.int("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const allowMissing = raw
    ? raw.allow_sending_without_reply === true
    : params.bool("allow_sending_without_reply");
  const target = ctx.state.liveMessage(record, messageId)?.message;
  if (!target) {
    if (allowMissing) return undefined;
    throw badRequest(Descriptions.replyNotFound);
  }
  const { reply_to_message: _nested, ...shallow } = target;
  return shallow as Message;
}

export function checkFloodLimit(ctx: MethodContext, record: ChatRecord): void {
  if (!ctx.limiter) return;
  const isGroup = record.chat.type !== "private";
  const now = ctx.state.now().getTime();
  const retryAfter = ctx.limiter.check(record.chat.id, isGroup, now);
  if (retryAfter > 0) throw tooManyRequests(retryAfter);
}

export function recordSend(ctx: MethodContext, record: ChatRecord): void {
  ctx.limiter?.record(record.chat.id, record.chat.type !== "private", ctx.state.now().getTime());
}

/** Everything a sending method checks after its own content is valid, up to and including the flood limit. */
export function prepareSend(ctx: MethodContext, params: Params, chatId: string) {
  const record = findChatOrThrow(ctx, chatId);
  let threadId = resolveThread(record, params);
  const reply = resolveReply(ctx, record, params);
  if (threadId === undefined && reply?.is_topic_message) threadId = reply.message_thread_id;
  assertNotBlocked(ctx, record);
  checkFloodLimit(ctx, record);
  return { record, threadId, reply };
}

/** Stores a message the bot sends, with the fields every bot message has. */
export function storeBotMessage(
  ctx: MethodContext,
  send: { record: ChatRecord; threadId: number | undefined; reply: Message | undefined },
  content: Record<string, unknown>,
  markup: ReplyMarkup | undefined,
): Message {
  const { record, threadId, reply } = send;
  recordSend(ctx, record);
  if (markup && "keyboard" in markup) record.replyKeyboard = markup;
  if (markup && "remove_keyboard" in markup) record.replyKeyboard = undefined;
  const keyboard = inlineKeyboardOf(markup);
  return ctx.state.addMessage(
    record,
    true,
    (messageId, date) =>
      ({
        message_id: messageId,
        ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
        from: ctx.state.botUser,
        chat: record.chat,
        date,
        ...(threadId !== undefined && record.chat.is_forum ? { is_topic_message: true } : {}),
        ...(reply ? { reply_to_message: reply } : {}),
        ...content,
        ...(keyboard ? { reply_markup: keyboard } : {}),
      }) as Message,
  );
}
