import { describe, expect, it } from "vitest";
import { telegramWebhookEndpoint } from "./webhook-endpoint.js";

const update = {
  update_id: 7,
  message: { message_id: 1, date: 1, chat: { id: 5, type: "private" }, text: "hi" },
};

/** An endpoint whose secret check answers only when released, recording what ran in which order. */
function endpointWithSlowCheck() {
  const order: string[] = [];
  let release: (secrets: readonly string[]) => void = () => {};
  const endpoint = telegramWebhookEndpoint({
    acceptedSecrets: () => {
      order.push("check");
      return new Promise((resolve) => {
        release = resolve;
      });
    },
    prepare: () => order.push("prepare"),
    process: async () => {
      order.push("process");
      return "processed";
    },
  });
  const call = (secret: string) =>
    endpoint({ headers: { "x-telegram-bot-api-secret-token": secret }, rawBody: JSON.stringify(update) });
  return { order, call, release: (secrets: readonly string[]) => release(secrets) };
}

describe("the Telegram webhook endpoint", () => {
  it("starts preparing before the secret check has answered, and processes after it", async () => {
    const { order, call, release } = endpointWithSlowCheck();
    const response = call("right");
    expect(order).toEqual(["prepare", "check"]);
    release(["right"]);
    expect((await response).status).toBe(200);
    expect(order).toEqual(["prepare", "check", "process"]);
  });

  it("processes nothing for a call with the wrong secret, prepared or not", async () => {
    const { order, call, release } = endpointWithSlowCheck();
    const response = call("wrong");
    release(["right"]);
    expect((await response).status).toBe(401);
    expect(order).toEqual(["prepare", "check"]);
  });
});
