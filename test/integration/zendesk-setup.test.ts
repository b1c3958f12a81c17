import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { routingRules } from "../../src/config/routing-config.js";
import { requestCategoryTag } from "../../src/domain/tickets/request-category.js";
import type { ZendeskEmulator } from "../../src/local/emulators/zendesk/index.js";
import { api, startTestEmulator } from "../../src/local/emulators/zendesk/test-support.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer } from "./intake-support.js";

const run = promisify(execFile);
const WEBHOOK_URL = "https://bridge.example.com/prod/zendesk/webhook";

/** The environment without any setting the script reads, so the developer's shell cannot leak in. */
const cleanEnv = () =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ZENDESK_") && key !== "PUBLIC_URL"),
  );

async function setupScript(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/zendesk-setup.ts", ...args],
      {
        env: { ...cleanEnv(), ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("scripts/zendesk-setup.ts", () => {
  let emulator: ZendeskEmulator;
  let account: Record<string, string>;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
    account = {
      ZENDESK_URL: emulator.url,
      ZENDESK_EMAIL: emulator.email,
      ZENDESK_API_TOKEN: emulator.apiToken,
    };
  });
  afterEach(() => emulator.close());

  const webhookId = async () => (await api(emulator, "GET", "/webhooks")).json.webhooks[0].id as string;

  it("names every missing setting and exits 2", async () => {
    const { code, stderr } = await setupScript([]);

    expect(code).toBe(2);
    for (const name of ["ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_API_TOKEN", "--webhook-url"]) {
      expect(stderr).toContain(name);
    }
  });

  it("sets the account up, prints the report and keeps the signing secret out of the output", async () => {
    const { code, stdout } = await setupScript(["--webhook-url", WEBHOOK_URL], account);

    expect(code).toBe(0);
    expect(stdout).toMatch(/ticket field\s+Order ID\s+created/);
    expect(stdout).toMatch(/group\s+shipping -> Logistics L1\s+unchanged\s+group id \d+/);
    expect(stdout).toContain(`/api/v2/webhooks/${await webhookId()}/signing_secret`);
    expect(stdout).not.toContain(emulator.signingSecret(await webhookId()));
  });

  it("prints the command storing the secret, with the secret, only with --show-secret", async () => {
    const { code, stdout } = await setupScript(
      [
        "--webhook-url",
        WEBHOOK_URL,
        "--show-secret",
        "--secret-id",
        "arn:aws:secretsmanager:eu-west-1:1:secret:zd",
      ],
      account,
    );

    expect(code).toBe(0);
    expect(stdout).toContain(
      `aws secretsmanager put-secret-value --secret-id arn:aws:secretsmanager:eu-west-1:1:secret:zd --secret-string '${emulator.signingSecret(await webhookId())}'`,
    );
  });

  it("takes the webhook URL from PUBLIC_URL and changes nothing on a dry run", async () => {
    const { code, stdout } = await setupScript(["--dry-run"], {
      ...account,
      PUBLIC_URL: "https://bridge.example.com",
    });

    expect(code).toBe(0);
    expect(stdout).toMatch(/webhook https:\/\/bridge\.example\.com\/zendesk\/webhook \(dry run/);
    expect(stdout).toMatch(/webhook\s+Telegram bridge\s+would-create/);
    expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("exits 1 when it reports a problem", async () => {
    await api(emulator, "POST", "/ticket_fields", { ticket_field: { type: "checkbox", title: "Order ID" } });

    const { code, stdout, stderr } = await setupScript(["--webhook-url", WEBHOOK_URL], account);

    expect(code).toBe(1);
    expect(stdout).toMatch(/ticket field\s+Order ID\s+problem\s+is a checkbox field/);
    expect(stderr).toMatch(/1 problem/);
  });

  it("exits 2 with a clear message when Zendesk refuses the token", async () => {
    const { code, stderr } = await setupScript(["--webhook-url", WEBHOOK_URL], {
      ...account,
      ZENDESK_API_TOKEN: "wrong-token",
    });

    expect(code).toBe(2);
    expect(stderr).toMatch(/refused the credentials \(401\)/);
  });
});

describe("the local stack", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(() => t.close());

  it("sets up its Zendesk emulator the way zendesk:setup sets up an account", async () => {
    const { ticket_fields } = (await api(t.zendesk, "GET", "/ticket_fields")).json;
    const titles = ticket_fields.map((f: { title: string }) => f.title);

    expect(titles).toEqual(expect.arrayContaining(Object.values(routingRules.ticketFields)));
  });

  it("files a ticket from Telegram with the order ID, category and chat in their fields", async () => {
    const ann = new Customer(t);
    await ann.fillToSummary({
      category: /Shipping/,
      orderId: "A-10023",
      priority: /Standard/,
      description: ["The parcel never arrived."],
    });
    await ann.press(/Confirm/);
    await t.stack.bus.drain();

    const ticket = t.zendesk
      .tickets()
      .find((candidate) => candidate.subject.includes("parcel never arrived"));
    const fields = await fieldIdsByTitle(t.zendesk);
    expect(ticket?.custom_fields).toEqual(
      expect.arrayContaining([
        { id: fields.get(routingRules.ticketFields.orderId), value: "A-10023" },
        { id: fields.get(routingRules.ticketFields.category), value: requestCategoryTag("shipping") },
        { id: fields.get(routingRules.ticketFields.telegramChat), value: String(ann.chatId) },
      ]),
    );
  });
});

async function fieldIdsByTitle(emulator: ZendeskEmulator): Promise<Map<string, number>> {
  const { ticket_fields } = (await api(emulator, "GET", "/ticket_fields")).json;
  return new Map(ticket_fields.map((f: { id: number; title: string }) => [f.title, f.id]));
}
