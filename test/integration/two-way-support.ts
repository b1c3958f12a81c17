import type { TestStack } from "../support/test-stack.js";
import { type Customer, freshUpdateId } from "./intake-support.js";

export { fileTicket as ticketFor, settle } from "./intake-support.js";

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
