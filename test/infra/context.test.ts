import { Annotations, Match } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { describe, expect, it } from "vitest";
import { createBridgeApp } from "../../lib/app.js";
import {
  BridgeContextError,
  nearestRetention,
  parseBridgeContext,
  TELEGRAM_DEFAULT_CIDRS,
} from "../../lib/context.js";
import { synthBridge } from "./synth.js";

const errorOf = (raw: Record<string, unknown>): BridgeContextError => {
  try {
    parseBridgeContext(raw);
  } catch (error) {
    if (error instanceof BridgeContextError) return error;
    throw error;
  }
  throw new Error("expected parseBridgeContext to throw");
};

describe("parseBridgeContext", () => {
  it("defaults everything but the Zendesk account", () => {
    expect(parseBridgeContext({ zendeskSubdomain: "acme", zendeskEmail: "support@acme.test" })).toEqual({
      stackName: "TelegramZendeskBridge",
      zendeskSubdomain: "acme",
      zendeskEmail: "support@acme.test",
      placeholderKeys: [],
      telegramAllowedCidrs: [...TELEGRAM_DEFAULT_CIDRS],
      zendeskAllowedCidrs: [],
      logRetention: RetentionDays.THREE_MONTHS,
      apiThrottleRateLimit: 50,
      apiThrottleBurstLimit: 100,
      secretRotationDays: 90,
      webhookSecretGraceMinutes: 10,
    });
  });

  it("falls back to named placeholders when the Zendesk keys are missing", () => {
    const context = parseBridgeContext({});
    expect([context.zendeskSubdomain, context.zendeskEmail, context.placeholderKeys]).toEqual([
      "example",
      "bridge@example.com",
      ["zendeskSubdomain", "zendeskEmail"],
    ]);
  });

  it("accepts the string forms `cdk -c key=value` delivers", () => {
    const context = parseBridgeContext({
      logRetentionDays: "30",
      apiThrottleRateLimit: "12.5",
      apiThrottleBurstLimit: "20",
      zendeskAllowedCidrs: "216.198.0.0/18, 52.0.0.0/24",
      telegramAllowedCidrs: '["149.154.160.0/20"]',
      alarmEmail: "",
    });
    expect(context).toMatchObject({
      logRetention: RetentionDays.ONE_MONTH,
      apiThrottleRateLimit: 12.5,
      apiThrottleBurstLimit: 20,
      zendeskAllowedCidrs: ["216.198.0.0/18", "52.0.0.0/24"],
      telegramAllowedCidrs: ["149.154.160.0/20"],
    });
    expect(context.alarmEmail).toBeUndefined();
  });

  it("sets slack only when both Slack keys are given", () => {
    expect(parseBridgeContext({}).slack).toBeUndefined();
    expect(parseBridgeContext({ slackWorkspaceId: "T0123ABCD", slackChannelId: "C0123ABCD" }).slack).toEqual({
      workspaceId: "T0123ABCD",
      channelId: "C0123ABCD",
    });
  });

  it.each([
    [{ stackName: "1-bridge" }, "stackName"],
    [{ stackName: `B${"x".repeat(121)}` }, "stackName"],
    [{ zendeskSubdomain: "acme.zendesk.com" }, "zendeskSubdomain"],
    [{ zendeskEmail: "not-an-address" }, "zendeskEmail"],
    [{ slackWorkspaceId: "T0123ABCD" }, "slackChannelId"],
    [{ slackChannelId: "C0123ABCD" }, "slackWorkspaceId"],
    [{ telegramAllowedCidrs: "149.154.160.1" }, "telegramAllowedCidrs"],
    [{ telegramAllowedCidrs: [] }, "telegramAllowedCidrs"],
    [{ zendeskAllowedCidrs: ["not a cidr"] }, "zendeskAllowedCidrs"],
    [{ logRetentionDays: "ninety" }, "logRetentionDays"],
    [{ logRetentionDays: 0 }, "logRetentionDays"],
    [{ apiThrottleRateLimit: -1 }, "apiThrottleRateLimit"],
    [{ apiThrottleBurstLimit: 2.5 }, "apiThrottleBurstLimit"],
    [{ secretRotationDays: 0 }, "secretRotationDays"],
    [{ alarmEmail: "ops" }, "alarmEmail"],
  ])("rejects %j naming %s", (raw, key) => {
    const error = errorOf(raw);
    expect(error.key).toBe(key);
    expect(error.message).toContain(`"${key}"`);
  });

  it("names the key when the app is built from bad context", () => {
    expect(() => createBridgeApp({ context: { logRetentionDays: "ninety" } })).toThrow(/"logRetentionDays"/);
  });
});

describe("the deployer's context as the app reads it", () => {
  it("refuses a misspelt bridge key, naming the one it looks like", () => {
    expect(() => createBridgeApp({ context: { slackWorkspaceId: "T1", slackChanelId: "C1" } })).toThrow(
      /Unknown CDK context key "slackChanelId" \(did you mean "slackChannelId"\?\)/,
    );
  });

  it("leaves CDK's own keys alone", () => {
    // cdk.json's feature flags are in every synthesis; this is one of CDK's own.
    expect(() =>
      synthBridge({ context: { "aws:cdk:enable-path-metadata": true }, validateCloudFormation: false }),
    ).not.toThrow();
  });

  it("warns at synth when no one would hear of alerts and alarms, and not once someone will", () => {
    const warnings = (context: Record<string, string>) =>
      Annotations.fromStack(synthBridge({ context, validateCloudFormation: false }).stack)
        .findWarning("*", Match.stringLikeRegexp("nobody hears of them"))
        .map((w) => w.entry.data);
    expect(warnings({})).toHaveLength(1);
    expect(warnings({ alarmEmail: "ops@acme.test" })).toEqual([]);
    expect(warnings({ slackWorkspaceId: "T0123", slackChannelId: "C0123" })).toEqual([]);
  });
});

describe("nearestRetention", () => {
  it.each([
    [1, RetentionDays.ONE_DAY],
    [2, RetentionDays.THREE_DAYS],
    [90, RetentionDays.THREE_MONTHS],
    [100, RetentionDays.THREE_MONTHS],
    [105, RetentionDays.FOUR_MONTHS],
    [3653, RetentionDays.TEN_YEARS],
  ])("maps %i days to %s", (days, expected) => {
    expect(nearestRetention(days)).toBe(expected);
  });
});
