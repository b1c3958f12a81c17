import type { CustomerChannel } from "../../ports/customer-channel.js";
import type { HelpDesk } from "../../ports/help-desk.js";
import type { TicketLinks } from "../../ports/ticket-links.js";
import type { Customer, CustomerMessageReceived } from "../events.js";
import type { RequesterProfile } from "../tickets/customer-tier.js";

export interface CustomerMessageDeps {
  helpDesk: HelpDesk;
  links: TicketLinks;
  customers: CustomerChannel;
}

/**
 * The help desk user behind a Telegram customer, created on first contact and remembered. With `fresh`, a
 * remembered user read longer ago than `maxAgeMs` is read again (upserted), so their organization and tags
 * (the customer's tier) are at most that old.
 */
export async function requesterFor(
  customer: Customer,
  deps: Pick<CustomerMessageDeps, "helpDesk" | "links">,
  fresh?: { now: Date; maxAgeMs: number },
): Promise<RequesterProfile> {
  const cached = await deps.links.requester(customer.telegramUserId);
  const stale =
    fresh !== undefined &&
    (cached?.readAt === undefined || fresh.now.getTime() - cached.readAt.getTime() > fresh.maxAgeMs);
  if (cached !== undefined && !stale) return cached;
  const { firstName, lastName, username, telegramUserId } = customer;
  const name =
    [firstName, lastName].filter(Boolean).join(" ") ||
    (username ? `@${username}` : `Telegram user ${telegramUserId}`);
  const requester = await deps.helpDesk.upsertRequester({
    externalId: `telegram:${telegramUserId}`,
    name,
    locale: customer.locale,
    // The handle lets an agent find the customer in Telegram; the name alone is whatever they chose. Set
    // when the bridge first meets the customer only: agents may write their own notes there afterwards.
    ...(cached === undefined
      ? { details: `Telegram: ${username ? `@${username}, ` : ""}user id ${telegramUserId}` }
      : {}),
  });
  await deps.links.rememberRequester(telegramUserId, requester);
  return requester;
}

/**
 * A customer's message about a ticket becomes a public comment by the requester, with its files. An edit
 * adds a comment marked "edited:" rather than changing history. Unfetchable files are named in the comment.
 */
export async function relayCustomerMessage(
  event: CustomerMessageReceived,
  deps: CustomerMessageDeps,
): Promise<void> {
  const { id: requesterId } = await requesterFor(event.customer, deps);
  const uploads: string[] = [];
  const missing: string[] = [];
  for (const attachment of event.attachments) {
    const file = await deps.customers.download(attachment);
    if (file) uploads.push(await deps.helpDesk.upload(file));
    else missing.push(attachment.fileName ?? attachment.kind);
  }
  const lines = [event.edited ? `edited: ${event.text}` : event.text];
  if (missing.length > 0)
    lines.push(`(could not attach, over Telegram's 20 MB bot limit: ${missing.join(", ")})`);
  const body = lines.filter(Boolean).join("\n\n") || "(attachment)";
  await deps.helpDesk.addCustomerComment(event.ticketId, requesterId, body, uploads);
}
