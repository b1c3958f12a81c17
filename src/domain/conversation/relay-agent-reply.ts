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

const UNDELIVERED_UNLINKED =
  "This reply did not reach the customer: the bridge no longer links this ticket to a Telegram chat. " +
  "The customer erased their data in the bot (/forget), or the ticket is older than the bridge keeps its " +
  "chat links. Reach them another way if the answer matters.";

/**
 * A public agent comment reaches the customer's chat: text first (split to fit), then its files. Private
 * notes never leave Zendesk. A customer who blocked the bot is not retried, and a reply on a ticket the bridge
 * filed but no longer links to a chat is not delivered: the agents get a note instead.
 */
export async function relayAgentComment(
  reply: { ticketId: number; commentId: number; authorName: string; filedByBridge: boolean },
  deps: RelayDeps,
): Promise<RelayOutcome> {
  const { ticketId, commentId } = reply;
  const link = await deps.links.findByTicket(ticketId);
  if (!link) {
    // A ticket the bridge filed whose chat it no longer knows: the agent must not believe the reply arrived.
    if (reply.filedByBridge) await deps.helpDesk.addInternalNote(ticketId, UNDELIVERED_UNLINKED);
    return "not-ours";
  }
  const comment = await deps.helpDesk.getComment(ticketId, commentId);
  // Checked on the comment itself, not only on the webhook payload: a private note must never leak.
  if (!comment?.public) return "private";
  try {
    const { chatId, threadId } = link;
    await deps.customers.sendReply(chatId, deps.render(ticketId, reply.authorName, comment), threadId, {
      ticketId,
      locale: link.locale,
    });
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
