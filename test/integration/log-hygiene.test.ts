import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "../../src/adapters/observability/redact.js";
import { type CapturedLogs, captureLogs } from "../support/captured-logger.js";
import { post, zendeskHeaders } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer, fileTicket, settle as settleStack } from "./intake-support.js";

const TELEGRAM_SECRET = "planted-telegram-webhook-secret_0123456789";
const ZENDESK_SECRET = "planted-zendesk-signing-secret-0123456789";
const CUSTOMER = {
  firstName: "Zephyrine",
  lastName: "Quillfeather",
  username: "zeph_planted_handle",
} as const;
const DESCRIPTION = "The marmalade-unicorn parcel 7731 arrived soaked";
const PHONE = "+15550001234";
const AGENT_TEXT = "We will refund the soaked-parcel-4412 today";
const REJECTED_BODY = "rejected-payload-marker-5519";

let t: TestStack;
let logs: CapturedLogs;
let failNextSend = false;

/**
 * One realistic run with a logger built as production builds it: an intake with a distinctive
 * description, an agent reply, a follow-up naming a phone number, rejected calls on both webhooks and a
 * Telegram call that fails with the bot token in its URL.
 */
beforeAll(async () => {
  logs = captureLogs();
  t = await startTestStack(
    { TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET },
    {
      logger: logs.logger,
      instrument: ({ telegramApi }) =>
        telegramApi.config.use(async (prev, method, payload, signal) => {
          if (method !== "sendMessage" || !failNextSend) return prev(method, payload, signal);
          failNextSend = false;
          // Telegram unreachable for one call: a real request to a closed port, the token in its URL.
          const unreachable = new Api(telegramApi.token, { apiRoot: "http://127.0.0.1:9" });
          await unreachable.raw.sendMessage(payload as Parameters<typeof unreachable.raw.sendMessage>[0]);
          throw new Error("port 9 answered");
        }),
    },
  );
  const settle = () => settleStack(t);
  const ann = new Customer(t, { ...CUSTOMER, languageCode: "en" });
  const ticketId = await fileTicket(t, ann, DESCRIPTION);
  await t.zendesk.agentComment(ticketId, { body: AGENT_TEXT, public: true, authorName: "Boris Petrov" });
  await settle();
  await ann.say(`Please call me on ${PHONE}`);
  await settle();

  const rejectedTelegram = { update_id: 1, message: { text: REJECTED_BODY } };
  await post(`${t.url}/telegram/webhook`, rejectedTelegram, { "x-telegram-bot-api-secret-token": "wrong" });
  const rejectedZendesk = JSON.stringify({ id: "ev-x", detail: { comment: REJECTED_BODY } });
  await post(
    `${t.url}/zendesk/webhook`,
    rejectedZendesk,
    zendeskHeaders("wrong", rejectedZendesk, t.clock.now()),
  );

  failNextSend = true;
  await ann.say("/help");
  await settle();
});
afterAll(() => t.close());

describe("the run", () => {
  it("carried every planted value through the bridge", () => {
    const ticket = t.zendesk.tickets().at(-1);
    const comments = JSON.stringify(ticket && t.zendesk.comments(ticket.id));
    expect(comments).toContain(DESCRIPTION);
    expect(comments).toContain(PHONE);
    expect(t.telegram.calls.some((call) => JSON.stringify(call.params).includes(AGENT_TEXT))).toBe(true);
  });
});

describe("logs of a realistic run", () => {
  it("were written, including the failed Telegram call with its token masked", () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    if (process.env.DUMP_LOGS) console.log(logs.lines.join("\n"));
    const failure = logs.lines.find((line) => line.includes("request failed"));
    expect(failure).toContain(`/bot${REDACTED}/sendMessage`);
  });

  it.each([
    ["the bot token", () => t.telegram.token],
    ["the Telegram webhook secret", () => TELEGRAM_SECRET],
    ["the Zendesk webhook secret", () => ZENDESK_SECRET],
    ["the Zendesk API token", () => t.zendesk.apiTokens()[0]?.token ?? "no token"],
    ["the description", () => DESCRIPTION],
    ["the agent's reply", () => AGENT_TEXT],
    ["the customer's first name", () => CUSTOMER.firstName],
    ["the customer's last name", () => CUSTOMER.lastName],
    ["the customer's username", () => CUSTOMER.username],
    ["the customer's phone number", () => PHONE],
    ["a rejected call's body", () => REJECTED_BODY],
  ])("never contain %s", (_, planted) => {
    const value = planted();
    expect(logs.lines.filter((line) => line.includes(value))).toEqual([]);
  });
});

describe("the audit trail", () => {
  it("records each rejected webhook call with its reason and without its body", () => {
    const rejected = logs.audits().filter((entry) => entry.audit === "webhook-rejected");
    expect(rejected).toEqual([
      expect.objectContaining({
        level: "INFO",
        webhook: "telegram",
        reason: "secret token missing or wrong",
      }),
      expect.objectContaining({ level: "INFO", webhook: "zendesk", reason: "bad-signature" }),
    ]);
    expect(JSON.stringify(rejected)).not.toContain(REJECTED_BODY);
  });
});
