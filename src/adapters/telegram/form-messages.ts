import { GrammyError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BridgeContext } from "./bot-context.js";
import type { SessionPlan } from "./chat-session.js";

/** Telegram refuses an edit that changes nothing; for us that is success. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}

/** Edits that may hit a message that is gone or too old to edit: a cosmetic loss, never a failure. */
export function isUneditable(error: unknown): boolean {
  return (
    isNotModified(error) ||
    (error instanceof GrammyError &&
      error.error_code === 400 &&
      /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/.test(error.description))
  );
}

export async function tolerateUneditable(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!isUneditable(error)) throw error;
  }
}

export interface MessageContent {
  text: string;
  keyboard?: InlineKeyboardMarkup;
}

/** A button press answered with why nothing happens; the pressed message's buttons go. */
export const retired = (ctx: BridgeContext, text: string): SessionPlan => ({
  afterCommit: async () => {
    await ctx.answerCallbackQuery({ text, show_alert: true });
    await tolerateUneditable(ctx.editMessageReplyMarkup());
  },
});
