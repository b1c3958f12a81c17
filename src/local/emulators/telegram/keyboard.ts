/**
 * Validation of `reply_markup`, with Telegram's error texts. Only inline keyboards end up on the message (the
 * Bot API's `Message.reply_markup`); reply keyboards are remembered per chat for the chat client.
 */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { badRequest } from "./errors.js";

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

const CALLBACK_DATA_MAX_BYTES = 64;

/** Button kinds other than url/callback_data that Telegram accepts as-is. */
const OTHER_ACTIONS = [
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function validateInlineButton(raw: unknown): InlineKeyboardButton {
  if (!isRecord(raw))
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof raw.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  if (typeof raw.callback_data === "string") {
    const bytes = Buffer.byteLength(raw.callback_data, "utf8");
    if (bytes < 1 || bytes > CALLBACK_DATA_MAX_BYTES) throw badRequest("BUTTON_DATA_INVALID");
    return { text: raw.text, callback_data: raw.callback_data };
  }
  if (typeof raw.url === "string") {
    if (!isButtonUrl(raw.url)) throw badRequest("BUTTON_URL_INVALID");
    return { text: raw.text, url: raw.url };
  }
  const other = OTHER_ACTIONS.find((key) => raw[key] !== undefined);
  if (other) return { text: raw.text, [other]: raw[other] } as unknown as InlineKeyboardButton;
  throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
}

function isButtonUrl(url: string): boolean {
  try {
    return ["http:", "https:", "tg:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Validates a parsed `reply_markup`; throws the Bot API error for what Telegram would refuse. */
export function validateReplyMarkup(raw: unknown): ReplyMarkup {
  if (!isRecord(raw)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ("inline_keyboard" in raw) {
    const rows = raw.inline_keyboard;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    }
    return { inline_keyboard: rows.map((row: unknown[]) => row.map(validateInlineButton)) };
  }
  if ("keyboard" in raw) {
    if (!Array.isArray(raw.keyboard) || !raw.keyboard.every(Array.isArray)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
    }
    return raw as unknown as ReplyKeyboardMarkup;
  }
  if (raw.remove_keyboard === true) return { remove_keyboard: true };
  if (raw.force_reply === true) return raw as unknown as ForceReply;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

export const isInlineKeyboard = (markup: ReplyMarkup | undefined): markup is InlineKeyboardMarkup =>
  markup !== undefined && "inline_keyboard" in markup;

/** Every callback_data present on an inline keyboard. */
export const callbackDataOf = (markup: InlineKeyboardMarkup | undefined): string[] =>
  (markup?.inline_keyboard ?? []).flat().flatMap((b) => ("callback_data" in b ? [b.callback_data] : []));
