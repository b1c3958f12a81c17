import { describe, expect, it } from "vitest";
import raw from "../../config/intake-form.json" with { type: "json" };
import routingRaw from "../../config/routing.json" with { type: "json" };
import { loadAwsConfig } from "../../src/config/aws-config.js";
import { ConfigError } from "../../src/config/env-schema.js";
import { parseIntakePolicy } from "../../src/config/intake-form.js";
import { loadLocalConfig } from "../../src/config/local-config.js";
import { parseRoutingRules } from "../../src/config/routing-config.js";

describe("local configuration", () => {
  it("runs on the built-in emulators with embedded defaults when nothing is set", () => {
    const config = loadLocalConfig({});
    expect(config.port).toBe(8787);
    expect(config.dataDir).toBe(".data");
    expect(config.telegram.kind).toBe("emulator");
    expect(config.zendesk.kind).toBe("emulator");
  });

  it("treats empty variables as unset", () => {
    expect(loadLocalConfig({ PORT: "", ZENDESK_URL: "" }).port).toBe(8787);
    // A blank value is no port: not 0, which would pick any free one.
    expect(loadLocalConfig({ PORT: " " }).port).toBe(8787);
  });

  it("names a malformed port and says what is expected", () => {
    expect(() => loadLocalConfig({ PORT: "eighty" })).toThrow(/PORT: .*\(value present but invalid\)/);
    expect(() => loadLocalConfig({ PORT: "70000" })).toThrow(ConfigError);
  });

  it("needs a bot token for polling and names it", () => {
    expect(() => loadLocalConfig({ TELEGRAM_MODE: "polling" })).toThrow(
      /TELEGRAM_BOT_TOKEN: required when TELEGRAM_MODE=polling/,
    );
  });

  it("rejects an unknown Telegram mode", () => {
    expect(() => loadLocalConfig({ TELEGRAM_MODE: "push" })).toThrow(
      /TELEGRAM_MODE: either "webhook" or "polling"/,
    );
  });

  it("needs a bot token when another Bot API server is named", () => {
    expect(() => loadLocalConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:9000" })).toThrow(
      /TELEGRAM_BOT_TOKEN: required when TELEGRAM_API_ROOT is set/,
    );
  });

  it("switches the Telegram side to the given server and keeps the token", () => {
    const config = loadLocalConfig({
      TELEGRAM_BOT_TOKEN: "42:abc",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000/",
    });
    expect(config.telegram).toEqual({
      kind: "remote",
      token: "42:abc",
      apiRoot: "http://127.0.0.1:9000",
      mode: "webhook",
      webhookSecret: undefined,
    });
  });

  it("rejects a malformed bot token without echoing it", () => {
    const attempt = () => loadLocalConfig({ TELEGRAM_BOT_TOKEN: "not-a-token-secret" });
    expect(attempt).toThrow(/TELEGRAM_BOT_TOKEN: a bot token like/);
    expect(attempt).not.toThrow(/not-a-token-secret/);
  });

  it("rejects a webhook secret Telegram would refuse", () => {
    expect(() => loadLocalConfig({ TELEGRAM_WEBHOOK_SECRET: "has spaces!" })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET: 1-256 characters/,
    );
  });

  it("lists every missing Zendesk setting at once", () => {
    let message = "";
    try {
      loadLocalConfig({ ZENDESK_URL: "https://acme.zendesk.com" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/ZENDESK_EMAIL: required/);
    expect(message).toMatch(/ZENDESK_API_TOKEN: required/);
    expect(message).toMatch(/ZENDESK_WEBHOOK_SECRET: required/);
  });

  it("rejects a Zendesk URL that is not http(s)", () => {
    expect(() => loadLocalConfig({ ZENDESK_URL: "acme.zendesk.com" })).toThrow(
      /ZENDESK_URL: an http\(s\) URL/,
    );
  });

  it("shows a Slack webhook as the example for a malformed Slack webhook", () => {
    expect(() => loadLocalConfig({ SLACK_WEBHOOK_URL: "hooks.slack.com/x" })).toThrow(
      /SLACK_WEBHOOK_URL: an http\(s\) URL such as https:\/\/hooks\.slack\.com\/services\//,
    );
  });
});

describe("Lambda configuration", () => {
  const routingEnv = {
    BRIDGE_RUNTIME: "aws",
    TABLE_NAME: "bridge",
    EVENT_BUS_NAME: "bus",
    ZENDESK_URL: "https://acme.zendesk.com",
    ZENDESK_EMAIL: "bot@acme.com",
    ZENDESK_API_TOKEN_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zd-token",
    ZENDESK_WEBHOOK_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zd-webhook",
    TELEGRAM_BOT_TOKEN_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:tg-token",
  };

  it("reads a complete routing environment", () => {
    expect(loadAwsConfig("routing", routingEnv).TABLE_NAME).toBe("bridge");
  });

  it("names the missing table", () => {
    const { TABLE_NAME: _, ...withoutTable } = routingEnv;
    expect(() => loadAwsConfig("routing", withoutTable)).toThrow(/TABLE_NAME: .*\(not set\)/);
  });

  it("wants ARNs for secrets, never values", () => {
    expect(() =>
      loadAwsConfig("routing", { ...routingEnv, ZENDESK_API_TOKEN_SECRET_ARN: "plain-token" }),
    ).toThrow(/ZENDESK_API_TOKEN_SECRET_ARN: an AWS ARN/);
  });
});

describe("intake form configuration", () => {
  it("accepts the shipped form", () => {
    expect(parseIntakePolicy(raw).categories).toHaveLength(7);
  });

  it("names an invalid order ID pattern", () => {
    expect(() => parseIntakePolicy({ ...raw, orderId: { pattern: "([", example: "x" } })).toThrow(
      /orderId\.pattern: not a valid regular expression/,
    );
  });

  it("rejects an example that its own pattern refuses", () => {
    expect(() => parseIntakePolicy({ ...raw, orderId: { pattern: "^\\d+$", example: "A-1" } })).toThrow(
      /orderId\.example: the example must match the pattern/,
    );
  });

  it("rejects a category listed twice", () => {
    const categories = [...raw.categories, raw.categories[0]];
    expect(() => parseIntakePolicy({ ...raw, categories })).toThrow(
      /categories: each category id at most once/,
    );
  });

  it("reminds of an untouched form after an hour, by default and in the shipped form", () => {
    expect(parseIntakePolicy(raw).formReminderSeconds).toBe(3600);
    const { formReminderMinutes: _shipped, ...older } = raw;
    expect(parseIntakePolicy(older).formReminderSeconds).toBe(3600);
    expect(parseIntakePolicy({ ...raw, formReminderMinutes: 0 }).formReminderSeconds).toBe(0);
  });

  it("names a form reminder that would come after the form expired", () => {
    expect(() => parseIntakePolicy({ ...raw, formTtlHours: 1, formReminderMinutes: 60 })).toThrow(
      /formReminderMinutes: the reminder must come before the form expires \(formTtlHours 1 = 60 minutes\)/,
    );
  });

  it("offers up to three Help Center articles in the shipped form", () => {
    expect(parseIntakePolicy(raw).knowledgeBase).toEqual({ enabled: true, maxArticles: 3 });
  });

  it("names a maxArticles over three", () => {
    const knowledgeBase = { ...raw.knowledgeBase, maxArticles: 4 };
    expect(() => parseIntakePolicy({ ...raw, knowledgeBase })).toThrow(
      /knowledgeBase\.maxArticles: the form offers at most three articles/,
    );
  });

  it("names a Help Center locale missing for a bot language", () => {
    const knowledgeBase = { ...raw.knowledgeBase, helpCenterLocales: { en: "en-us" } };
    expect(() => parseIntakePolicy({ ...raw, knowledgeBase })).toThrow(
      /knowledgeBase\.helpCenterLocales\.ru/,
    );
  });

  it("offers no articles for a form file from before the knowledge base", () => {
    const { knowledgeBase: _, ...older } = raw;
    expect(parseIntakePolicy(older).knowledgeBase.enabled).toBe(false);
  });
});

describe("routing rules file", () => {
  const base = () => structuredClone(routingRaw) as Record<string, unknown>;

  it("reads the VIP rule and the assignment groups", () => {
    const rules = parseRoutingRules({
      ...base(),
      vip: { organizations: ["Acme Corp", 501], tags: ["vip"], priority: "urgent" },
      assignment: { groups: { Billing: { capacity: 12 } } },
    });
    expect(rules.vip).toEqual({
      organizations: ["Acme Corp", 501],
      tags: ["vip"],
      priority: "urgent",
      recheckHours: 24,
    });
    expect(rules.assignment).toEqual({ Billing: { capacity: 12 } });
  });

  it("names an assignment group that no team routes to", () => {
    expect(() =>
      parseRoutingRules({ ...base(), assignment: { groups: { Biling: { capacity: 5 } } } }),
    ).toThrow(/assignment\.groups\.Biling: not a group named in teams/);
  });

  it("names a VIP priority that is neither raise nor a priority", () => {
    expect(() => parseRoutingRules({ ...base(), vip: { priority: "top" } })).toThrow(
      /vip\.priority: "raise" or a priority/,
    );
  });
});
