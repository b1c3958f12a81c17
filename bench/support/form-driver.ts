import type { Update } from "grammy/types";
import { Customer } from "../../test/integration/intake-support.js";
import type { TestStack } from "../../test/support/test-stack.js";

type Step = readonly [label: string, act: (customer: Customer, n: number) => Promise<Update>];

/**
 * Three complete requests of nine updates each, between them covering every kind of update the intake
 * form takes: commands, category/priority/no-order-ID/Done/Confirm buttons, typed order IDs, description
 * text, photos and documents.
 */
export const SCRIPTS: readonly (readonly Step[])[] = [
  [
    ["/start", (c) => c.say("/start")],
    ["button: category", (c) => c.press(/Shipping/)],
    ["text: order ID", (c, n) => c.say(`A-${10_000 + n}`)],
    ["button: priority", (c) => c.press(/^Standard$/)],
    ["text: description", (c) => c.say("The parcel never arrived.")],
    ["text: description", (c) => c.say("Tracking says it was delivered on Monday, but nobody rang.")],
    ["photo: description", (c) => c.sendPhoto("The tracking page")],
    ["button: Done", (c) => c.press(/Done/)],
    ["button: Confirm", (c) => c.press(/Confirm/)],
  ],
  [
    ["/new", (c) => c.say("/new")],
    ["button: category", (c) => c.press(/Payment/)],
    ["button: no order ID", (c) => c.press(/I don't have one/)],
    ["button: priority", (c) => c.press(/Urgent/)],
    ["text: description", (c) => c.say("My card was charged twice for one order.")],
    ["document: description", (c) => c.sendDocument("statement.pdf", "Bank statement")],
    ["text: description", (c) => c.say("Please refund the second charge.")],
    ["button: Done", (c) => c.press(/Done/)],
    ["button: Confirm", (c) => c.press(/Confirm/)],
  ],
  [
    ["/new", (c) => c.say("/new")],
    ["button: category", (c) => c.press(/Account/)],
    ["button: priority", (c) => c.press(/^Standard$/)],
    ["text: description", (c) => c.say("I cannot log in since yesterday.")],
    ["text: description", (c) => c.say("The reset link says it has expired.")],
    ["photo: description", (c) => c.sendPhoto()],
    ["text: description", (c) => c.say("I tried two browsers.")],
    ["button: Done", (c) => c.press(/Done/)],
    ["button: Confirm", (c) => c.press(/Confirm/)],
  ],
];

/** The step an update belongs to and the customer (0-based) who sent it. */
export interface SentUpdate {
  readonly label: string;
  readonly customer: number;
}

/**
 * Runs `count` customers through a whole form, `concurrency` of them at a time, each through the Telegram
 * emulator (so button presses hit real messages), and records every update by `update_id`.
 */
export async function driveForms(
  t: TestStack,
  options: { readonly count: number; readonly concurrency: number; readonly firstId: number },
  sent: Map<number, SentUpdate>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < options.count; n = next++) {
      const customer = new Customer(t, { id: options.firstId + n, firstName: "Ann", languageCode: "en" });
      for (const [label, act] of SCRIPTS[n % SCRIPTS.length] ?? []) {
        sent.set((await act(customer, n)).update_id, { label, customer: n });
      }
      // Confirm turns the form into a receipt without buttons.
      if (customer.liveFormMessages().length > 0) {
        throw new Error(`customer ${customer.id} did not get through the form:\n${customer.transcript()}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}
