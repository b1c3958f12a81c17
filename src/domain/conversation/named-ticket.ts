import { normalizeOrderId } from "../intake/policy.js";
import { tokens } from "../words.js";

/** An open ticket as a message can name it: by its number, or by the order ID its request gave. */
export interface NameableTicket {
  readonly ticketId: number;
  readonly orderId: string | null;
}

/** An order ID reduced to its letters and digits, so "A-10023", "a 10023" and "А10023" compare equal. */
const bare = (orderId: string): string => normalizeOrderId(orderId).replace(/[^A-Z0-9]/g, "");

/**
 * The one ticket a customer's text names: "#N" for one of these tickets' numbers, or the order ID one of
 * them was filed with (typed with or without its hyphen, or as two words). Undefined when the text names
 * none of them, or more than one.
 */
export function ticketNamedIn(text: string, tickets: readonly NameableTicket[]): number | undefined {
  const words = tokens(text).map(bare);
  // "A 10023": an order ID's letters and digits typed apart.
  const pairs = words.slice(1).map((word, i) => `${words[i]}${word}`);
  const written = new Set([...words, ...pairs].filter(Boolean));
  const numbers = new Set([...text.matchAll(/#(\d+)\b/g)].map((match) => Number(match[1])));
  const named = tickets.filter(
    (ticket) =>
      numbers.has(ticket.ticketId) || (ticket.orderId !== null && written.has(bare(ticket.orderId))),
  );
  return named.length === 1 ? named[0]?.ticketId : undefined;
}
