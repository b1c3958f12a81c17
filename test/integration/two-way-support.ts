import type { TestStack } from "../support/test-stack.js";
import { type Customer, freshUpdateId } from "./intake-support.js";

/** Files a request through the bot and returns the ticket's id. */
export async function ticketFor(
  t: TestStack,
  customer: Customer,
  description = "My parcel A-10023 is late",
): Promise<number> {
  await customer.fillToSummary({
    category: /Shipping/,
    orderId: "A-10023",
    priority: /Standard/,
    description: [description],
  });
  await customer.press(/Confirm/);
  await t.stack.bus.drain();
  const ticket = t.zendesk.tickets().at(-1);
  if (!ticket) throw new Error("no ticket");
  return ticket.id;
}

/** Waits until Zendesk's webhooks and the bus have nothing left to deliver. */
export async function settle(t: TestStack): Promise<void> {
  await t.zendesk.waitForIdle();
  await t.stack.bus.drain();
  await t.zendesk.waitForIdle();
}

/**
 * A callback query update for a press on one of the bot's messages, built by hand so it can be delivered more
 * than once. Its query id is unknown to the emulator, so answering it fails as a stale query would.
 */
export function manualPress(t: TestStack, customer: Customer, messageId: number, data: string) {
  const message = customer.botMessages().find((m) => m.message_id === messageId);
  return {
    update_id: freshUpdateId(t),
    callback_query: {
      id: `manual-${freshUpdateId(t)}`,
      from: { id: customer.id, is_bot: false, first_name: "Ann" },
      message,
      chat_instance: "1",
      data,
    },
  };
}
