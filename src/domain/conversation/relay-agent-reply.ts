import { type CustomerChannel, CustomerUnreachable } from "../../ports/customer-channel.js";
import type { HelpDesk, TicketComment } from "../../ports/help-desk.js";
import type { TicketLinks } from "../../ports/ticket-links.js";

export interface RelayDeps {
  helpDesk: HelpDesk;
  links: TicketLinks;
  customers: CustomerChannel;
  /** Turns the comment into Telegram HTML parts (header, conversion, splitting). */
  render: (ticketId: number, authorName: string, comment: TicketComment) => string[];
}

export type RelayOutcome = "sent" | "not-ours" | "private" | "unreachable";

/**
 * A public agent comment reaches the customer's chat: text first (split to fit), then its files. Private
 * notes never leave Zendesk. A customer who blocked the bot is not retried; the agents get a note instead.
 */
export async function relayAgentComment(
  reply: { ticketId: number; commentId: number; authorName: string },
  deps: RelayDeps,
): Promise<RelayOutcome> {
  const { ticketId, commentId } = reply;
  const link = await deps.links.findByTicket(ticketId);
  if (!link) return "not-ours";
  const comment = await deps.helpDesk.getComment(ticketId, commentId);
  // Checked on the comment itself, not only on the webhook payload: a private note must never leak.
  if (!comment?.public) return "private";
  try {
    const { chatId, threadId } = link;
    await deps.customers.sendReply(chatId, deps.render(ticketId, reply.authorName, comment), threadId);
    for (const attachment of comment.attachments) {
      const file = await deps.helpDesk.download(attachment);
      const sent = await deps.customers.sendFile(chatId, file, attachment.fileName, threadId);
      if (!sent)
        await deps.customers.sendReply(chatId, [`📎 ${attachment.fileName}: ${attachment.url}`], threadId);
    }
    return "sent";
  } catch (error) {
    if (!(error instanceof CustomerUnreachable)) throw error;
    await deps.helpDesk.addInternalNote(
      ticketId,
      "This reply could not be delivered: the customer has blocked the Telegram bot or left the chat. " +
        "Reach them another way, or wait for them to write again.",
    );
    return "unreachable";
  }
}
