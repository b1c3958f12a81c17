import { afterEach, describe, expect, it, vi } from "vitest";
import { lazy } from "../../src/wiring/lazy.js";

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
const env = {
  BRIDGE_RUNTIME: "aws",
  AWS_REGION: "eu-west-1",
  TABLE_NAME: "bridge",
  EVENT_BUS_NAME: "bridge-bus",
  ALERT_TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:alerts",
  ZENDESK_URL: "https://example.zendesk.com",
  ZENDESK_EMAIL: "bridge@example.com",
  TELEGRAM_BOT_TOKEN_SECRET_ARN: arn("telegram-bot-token"),
  TELEGRAM_WEBHOOK_SECRET_ARN: arn("telegram-webhook-secret"),
  ZENDESK_API_TOKEN_SECRET_ARN: arn("zendesk-api-token"),
  ZENDESK_WEBHOOK_SECRET_ARN: arn("zendesk-webhook-secret"),
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const handlers = {
  intake: () => import("../../functions/intake/handler.js"),
  routing: () => import("../../functions/routing/handler.js"),
  "sla-scanner": () => import("../../functions/sla-scanner/handler.js"),
};

describe("Lambda handlers", () => {
  it.each(Object.keys(handlers) as Array<keyof typeof handlers>)(
    "%s wires up at import from ARNs alone, calling nothing",
    async (name) => {
      for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
      const module = await handlers[name]();
      expect(typeof module.handler).toBe("function");
    },
  );

  it("refuses to start without its settings, naming them", async () => {
    vi.stubEnv("BRIDGE_RUNTIME", "aws");
    vi.stubEnv("TABLE_NAME", "");
    await expect(handlers.intake()).rejects.toThrow(/TABLE_NAME/);
  });
});

describe("lazy", () => {
  it("builds once and keeps the value", async () => {
    let builds = 0;
    const value = lazy(async () => ++builds);
    expect(await value()).toBe(1);
    expect(await value()).toBe(1);
  });

  it("forgets a failed build so the next call tries again", async () => {
    let builds = 0;
    const value = lazy(async () => {
      builds++;
      if (builds === 1) throw new Error("secret not readable yet");
      return builds;
    });
    await expect(value()).rejects.toThrow("secret not readable yet");
    expect(await value()).toBe(2);
  });
});
