import { spawnSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { api } from "../../src/local/emulators/zendesk/test-support.js";
import { type FakeSlack, startFakeSlack } from "../support/fake-slack.js";
import { post } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer, fileTicket } from "./intake-support.js";
import { settle } from "./two-way-support.js";

let slack: FakeSlack;
let t: TestStack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());
beforeEach(async () => {
  slack.messages.length = 0;
  t = await startTestStack({ SLACK_WEBHOOK_URL: slack.url });
});
afterEach(() => t.close());

const fileRequest = (customer: Customer, description: string) => fileTicket(t, customer, description);

function exportCorrections(dataDir: string) {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/routing/export-corrections.ts", "--data-dir", dataDir],
    { encoding: "utf8", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
  );
  const lines = run.stdout.split("\n").filter((line) => line !== "");
  return {
    status: run.status,
    stderr: run.stderr,
    examples: lines.map((line) => JSON.parse(line) as unknown),
  };
}

describe("customer tier on the local stack", () => {
  it("raises a VIP's standard request to high, tags it vip and names the tier in the SLA alert", async () => {
    const vera = new Customer(t, { firstName: "Vera" });
    // An account manager tagged this customer's Zendesk user before they ever wrote to the bot.
    await api(t.zendesk, "POST", "/users.json", {
      user: { name: "Vera", external_id: `telegram:${vera.id}`, tags: ["vip"] },
    });
    const id = await fileRequest(vera, "Where is my parcel?");
    const ticket = t.zendesk.ticket(id);
    expect(ticket?.priority).toBe("high");
    expect(ticket?.tags).toEqual(expect.arrayContaining(["vip", "telegram"]));
    // High runs on the Priority tier: unassigned after 15 minutes is escalated and alerted.
    await post(`${t.url}/local/clock/advance`, { seconds: 16 * 60 });
    expect(slack.messages.map((m) => m.text)).toEqual([
      expect.stringMatching(
        /Priority ticket still unassigned: ticket #\d+\n.*tier priority \(VIP customer\)/,
      ),
    ]);
  });

  it("creates a payment request the customer called standard at high, as its 30-minute tier stands for", async () => {
    const ann = new Customer(t);
    await ann.say("/new");
    await ann.press(/Payment/);
    await ann.press(/I don't have one/);
    await ann.press(/^Standard$/);
    await ann.say("I was charged twice for one order, please refund the second payment");
    await ann.press(/Done/);
    await ann.press(/Confirm/);
    await settle(t);
    expect(t.zendesk.tickets().at(-1)?.priority).toBe("high");
    expect(ann.botMessages().at(-1)?.text).toMatch(/We aim to answer within 30 minutes/);
  });

  it("leaves a customer without the tag or a VIP organization at normal", async () => {
    const id = await fileRequest(new Customer(t), "Where is my parcel?");
    expect(t.zendesk.ticket(id)?.priority).toBe("normal");
    expect(t.zendesk.ticket(id)?.tags).not.toContain("vip");
  });
});

describe("agent corrections on the local stack", () => {
  it("turns a move to another team's group into one exported training example", async () => {
    const description = "The parcel came but I was charged twice for it";
    const id = await fileRequest(new Customer(t), description);
    const billing = t.zendesk.groups().find((g) => g.name === "Billing");
    const escalations = t.zendesk.groups().find((g) => g.name === "Escalations L2");
    if (!billing || !escalations) throw new Error("the emulator seeds Billing and Escalations L2");
    await t.zendesk.moveToGroup(id, escalations.id);
    await t.zendesk.moveToGroup(id, billing.id);
    await t.zendesk.waitForIdle();
    const moves = t.zendesk.webhookDeliveries.filter(
      (d) => d.eventType === "zen:event-type:ticket.group_assignment_changed",
    );
    expect(moves.map((d) => d.status)).toEqual([200, 200]);
    await t.close({ removeData: false });

    const exported = exportCorrections(t.dataDir);
    expect(exported.stderr).toMatch(/1 correction\(s\) from/);
    expect(exported.status).toBe(0);
    expect(exported.examples).toEqual([
      {
        text: description,
        category: "payment",
        source_intent: "agent_group_move",
        source: "zendesk-correction",
        ticket_id: id,
        previous_group: "Escalations L2",
        new_group: "Billing",
        corrected_at: expect.any(String),
      },
    ]);
  });
});
