import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CATEGORIES } from "../../domain/routing/categories.js";
import { requestCategoryTag } from "../../domain/tickets/request-category.js";
import type { RoutingRules } from "../../domain/tickets/routing-rules.js";
import type { TicketField, ZendeskEmulator } from "../../local/emulators/zendesk/index.js";
import { api, startTestEmulator } from "../../local/emulators/zendesk/test-support.js";
import { AccountSetupFailed, type SetupOptions, type SetupReport, setUpAccount } from "./account-setup.js";
import { WEBHOOK_SUBSCRIPTIONS } from "./webhook-registration.js";
import { createZendeskClient } from "./zendesk-client.js";

const rules: SetupOptions["rules"] = {
  teams: {
    shipping: "Logistics L1",
    payment: "Billing",
    returns: "Returns",
    order: "Orders",
    account: "Accounts",
    product: "Product",
    other: "Triage",
  },
  ticketFields: {
    orderId: "Order ID",
    category: "Request category",
    telegramChat: "Telegram chat",
    satisfaction: "Telegram satisfaction",
  },
};
const ENDPOINT = "https://bridge.example.com/prod/zendesk/webhook";
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe("setUpAccount against the Zendesk emulator", () => {
  let emulator: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  const setUp = (options: Partial<SetupOptions> = {}, token = emulator.apiToken) =>
    setUpAccount(createZendeskClient({ url: emulator.url, email: emulator.email, apiToken: token }), {
      webhookEndpoint: ENDPOINT,
      rules,
      ...options,
    });
  const writes = () => emulator.requests.filter((r) => WRITES.has(r.method));
  const customFields = async (): Promise<TicketField[]> =>
    (await api(emulator, "GET", "/ticket_fields")).json.ticket_fields.filter((f: TicketField) => f.removable);
  const item = (report: SetupReport, name: string) => report.items.find((i) => i.name === name);
  const actions = (report: SetupReport) => Object.fromEntries(report.items.map((i) => [i.name, i.action]));

  it("creates the four ticket fields on the first run", async () => {
    const report = await setUp();

    const fields = await customFields();
    expect(fields.map((f) => [f.title, f.type])).toEqual([
      ["Order ID", "text"],
      ["Request category", "tagger"],
      ["Telegram chat", "text"],
      ["Telegram satisfaction", "tagger"],
    ]);
    expect(fields[1]?.custom_field_options?.map((o) => o.value)).toEqual(CATEGORIES.map(requestCategoryTag));
    expect(fields[3]?.custom_field_options?.map((o) => o.value)).toEqual([
      "csat_1",
      "csat_2",
      "csat_3",
      "csat_4",
      "csat_5",
    ]);
    expect(item(report, "Order ID")).toMatchObject({ action: "created", id: fields[0]?.id });
  });

  it("creates the signed webhook with the bridge's subscriptions and returns its secret", async () => {
    const report = await setUp();

    const { webhooks } = (await api(emulator, "GET", "/webhooks")).json;
    expect(webhooks).toEqual([
      expect.objectContaining({
        name: "Telegram bridge",
        endpoint: ENDPOINT,
        status: "active",
        subscriptions: [...WEBHOOK_SUBSCRIPTIONS],
      }),
    ]);
    expect(report.webhook).toEqual({
      id: webhooks[0].id,
      signingSecret: emulator.signingSecret(webhooks[0].id),
    });
    expect(item(report, "Telegram bridge")?.action).toBe("created");
  });

  it("reports each team's group id", async () => {
    const report = await setUp();

    const billing = emulator.groups().find((g) => g.name === "Billing");
    expect(item(report, "payment -> Billing")).toMatchObject({ action: "unchanged", id: billing?.id });
    expect(report.problems).toBe(0);
  });

  it("changes nothing on a second run and reports everything unchanged", async () => {
    const first = await setUp();
    const writesBefore = writes().length;

    const second = await setUp();

    expect(writes()).toHaveLength(writesBefore);
    expect(new Set(second.items.map((i) => i.action))).toEqual(new Set(["unchanged"]));
    expect(second.webhook).toEqual(first.webhook);
  });

  it("changes nothing on a dry run and reports what it would create", async () => {
    const report = await setUp({ dryRun: true });

    expect(writes()).toEqual([]);
    expect(await customFields()).toEqual([]);
    expect(actions(report)).toMatchObject({
      "Order ID": "would-create",
      "Request category": "would-create",
      "Telegram chat": "would-create",
      "Telegram bridge": "would-create",
    });
    expect(report.webhook).toBeUndefined();
  });

  it("reports a field of the same title but another type as a problem and leaves it alone", async () => {
    await api(emulator, "POST", "/ticket_fields", { ticket_field: { type: "checkbox", title: "Order ID" } });

    const report = await setUp();

    expect(item(report, "Order ID")).toMatchObject({
      action: "problem",
      detail: expect.stringMatching(/checkbox/),
    });
    expect((await customFields()).filter((f) => f.title === "Order ID").map((f) => f.type)).toEqual([
      "checkbox",
    ]);
    expect(item(report, "Telegram chat")?.action).toBe("created");
    expect(report.problems).toBe(1);
  });

  it("accepts an existing numeric Telegram chat field", async () => {
    await api(emulator, "POST", "/ticket_fields", {
      ticket_field: { type: "integer", title: "Telegram chat" },
    });

    const report = await setUp();

    expect(item(report, "Telegram chat")?.action).toBe("unchanged");
  });

  it("adds missing category options to an existing drop-down and keeps the admin's own", async () => {
    await api(emulator, "POST", "/ticket_fields", {
      ticket_field: {
        type: "tagger",
        title: "Request category",
        custom_field_options: [
          { name: "Shipping", value: requestCategoryTag("shipping") },
          { name: "Wholesale", value: "request_category_wholesale" },
        ],
      },
    });

    const report = await setUp();

    const field = (await customFields()).find((f) => f.title === "Request category");
    expect(field?.custom_field_options?.map((o) => o.value)).toEqual([
      requestCategoryTag("shipping"),
      "request_category_wholesale",
      ...CATEGORIES.filter((c) => c !== "shipping").map(requestCategoryTag),
    ]);
    expect(item(report, "Request category")?.action).toBe("updated");
  });

  it("points an existing bridge webhook at a new endpoint", async () => {
    await setUp({ webhookEndpoint: "https://old.example.com/zendesk/webhook" });

    const report = await setUp();

    expect(item(report, "Telegram bridge")).toMatchObject({
      action: "updated",
      detail: expect.stringMatching(/old/),
    });
    expect((await api(emulator, "GET", "/webhooks")).json.webhooks[0].endpoint).toBe(ENDPOINT);
  });

  it("reports a group missing from the account with a hint, and does not create it", async () => {
    const report = await setUp({ rules: { ...rules, teams: { ...rules.teams, payment: "Payments EU" } } });

    expect(item(report, "payment -> Payments EU")).toMatchObject({
      action: "problem",
      detail: expect.stringMatching(/MISSING.*--create-groups/),
    });
    expect(emulator.groups().some((g) => g.name === "Payments EU")).toBe(false);
  });

  it("reports a group another setting names (the escalation group) missing, naming the setting", async () => {
    const report = await setUp({
      otherGroups: { "escalation.group in config/sla-policies.json": "Escalations L3" },
    });

    expect(item(report, "escalation.group -> Escalations L3")).toMatchObject({
      action: "problem",
      detail: expect.stringMatching(/MISSING.*rename escalation\.group in config\/sla-policies\.json/),
    });
  });

  it("creates missing groups once with createGroups, even when two teams share one", async () => {
    const teams: RoutingRules["teams"] = { ...rules.teams, payment: "Payments EU", order: "Payments EU" };

    const report = await setUp({ rules: { ...rules, teams }, createGroups: true });

    const created = emulator.groups().filter((g) => g.name === "Payments EU");
    expect(created).toHaveLength(1);
    expect(item(report, "order -> Payments EU")).toMatchObject({ action: "created", id: created[0]?.id });
    expect(report.problems).toBe(0);
  });

  it("fails with a clear error when Zendesk refuses the token", async () => {
    const failure = setUp({}, "wrong-token");

    await expect(failure).rejects.toBeInstanceOf(AccountSetupFailed);
    await expect(failure).rejects.toThrow(/refused the credentials \(401\).*ZENDESK_API_TOKEN/);
    expect(writes()).toEqual([]);
  });
});
