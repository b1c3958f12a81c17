import { describe, expect, it } from "vitest";
import { loadReplayConfig } from "../../src/config/dlq-replay-config.js";
import { ConfigError } from "../../src/config/env-schema.js";

const queueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/RoutingDeadLetters";

describe("dlq:replay settings", () => {
  it("reads the queue and bus from `aws cloudformation describe-stacks` outputs, the region from the queue", () => {
    const outputs = JSON.stringify([
      { OutputKey: "RoutingDeadLetterQueueUrl", OutputValue: queueUrl },
      { OutputKey: "EventBusName", OutputValue: "bridge-bus" },
    ]);
    expect(loadReplayConfig({ outputs }, {})).toEqual({
      target: "aws",
      queueUrl,
      busName: "bridge-bus",
      region: "eu-west-1",
      dryRun: false,
      max: 1000,
    });
  });

  it("reads `cdk deploy --outputs-file` JSON, and flags win over it", () => {
    const outputs = JSON.stringify({
      TelegramZendeskBridge: { RoutingDeadLetterQueueUrl: queueUrl, EventBusName: "bridge-bus" },
    });
    const config = loadReplayConfig({ outputs, "bus-name": "other-bus", "dry-run": true, max: "5" }, {});
    expect(config).toMatchObject({ busName: "other-bus", dryRun: true, max: 5 });
  });

  it("goes to the local stack on the configured port with --local", () => {
    expect(loadReplayConfig({ local: true }, { PORT: "9000" })).toEqual({
      target: "local",
      url: "http://127.0.0.1:9000",
      dryRun: false,
      max: 1000,
    });
  });

  it("names every missing setting at once", () => {
    expect(() => loadReplayConfig({ max: "0" }, {})).toThrow(ConfigError);
    expect(() => loadReplayConfig({ max: "0" }, {})).toThrow(
      /--max[\s\S]*--queue-url[\s\S]*--bus-name[\s\S]*--region/,
    );
  });
});
