import type { Message } from "grammy/types";
import type { CustomerMessageReceived } from "../../domain/events.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import { type IntakeStore, isOpenStatus, type RequestRecord } from "../../ports/intake-store.js";
import { type BridgeContext, customerOf } from "./bot-context.js";
import { offerNewRequest } from "./commands-feature.js";
import { messageInput } from "./form-inputs.js";
import { translator } from "./i18n.js";

const OPEN_LIMIT = 20;

/** The ticket a replied-to bot message is about: every ticket message of the bot names it as "#N". */
function ticketMentioned(message: Message | undefined): number | undefined {
  const match = /#(\d+)/.exec(message?.text ?? message?.caption ?? "");
  return match ? Number(match[1]) : undefined;
}

/**
 * A customer's message outside a form: a reply to a ticket's message goes to that ticket, a customer with
 * one open ticket adds to it, several open tickets are named so the customer can reply to the right one,
 * and a customer with none is offered a new request. Sent on as an event; routing writes the comment.
 */
export function followUpOrOffer(store: IntakeStore, publisher: EventPublisher) {
  return async (ctx: BridgeContext): Promise<unknown> => {
    const message = ctx.msg;
    const from = ctx.from;
    if (!message || !from) return offerNewRequest(ctx);
    const open = (await store.listRequests(from.id, OPEN_LIMIT)).filter(
      (r): r is RequestRecord & { ticketId: number } => r.ticketId !== undefined && isOpenStatus(r.status),
    );
    const mentioned = ticketMentioned(message.reply_to_message);
    const target = open.find((r) => r.ticketId === mentioned) ?? (open.length === 1 ? open[0] : undefined);
    const t = translator(ctx.locale);
    if (!target) {
      if (open.length === 0) return offerNewRequest(ctx);
      return ctx.reply(t("follow-up-which", { tickets: open.map((r) => `#${r.ticketId}`).join(", ") }));
    }
    const input = messageInput(message);
    const edited = ctx.editedMessage !== undefined;
    const event: CustomerMessageReceived = {
      type: "CustomerMessageReceived",
      messageKey: `${message.chat.id}:${message.message_id}${edited ? `:e${message.edit_date ?? 0}` : ""}`,
      ticketId: target.ticketId,
      chatId: message.chat.id,
      customer: customerOf(from, ctx.locale),
      text: message.text ?? message.caption ?? "",
      edited,
      attachments: input?.kind === "attachment" ? [input.attachment] : [],
    };
    await publisher.publish(event);
    // A reaction says "received" without adding a message to the chat.
    return ctx.react("👍").catch(() => ctx.reply(t("follow-up-added", { ticket: target.ticketId })));
  };
}
