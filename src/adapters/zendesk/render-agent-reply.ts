import { splitMessage } from "../../domain/conversation/split-message.js";
import type { TicketComment } from "../../ports/help-desk.js";
import { commentToTelegramHtml, formatAgentReply } from "./comment-to-telegram.js";

/** An agent's comment as the Telegram messages that carry it: header, safe HTML, split to fit. */
export function renderAgentReply(ticketId: number, agentName: string, comment: TicketComment): string[] {
  const html = commentToTelegramHtml({ html_body: comment.htmlBody, plain_body: comment.plainBody });
  return splitMessage(formatAgentReply({ ticketId, agentName, html }), { tag: `#${ticketId}` });
}
