import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { createBridgeApp } from "../../lib/app.js";
import { CDK_JSON_CONTEXT, type PluginReport, synthBridge, ZENDESK_CONTEXT } from "./synth.js";

// Every optional resource switched on (Slack channel, e-mail subscription, Zendesk
// allow-list), so every construct the app can create is checked.
const EVERYTHING = {
  slackWorkspaceId: "T0123ABCD",
  slackChannelId: "C0123ABCD",
  alarmEmail: "ops@acme.test",
  zendeskAllowedCidrs: ["216.198.0.0/18"],
};

/** `rule at construct path` for every finding, acknowledged findings excluded. */
const findings = (reports: readonly PluginReport[]): string[] =>
  reports.flatMap((report) =>
    report.violations.flatMap((v) =>
      v.violatingResources.map(
        (r) => `${report.pluginName}: ${v.severity ?? "?"} ${v.ruleName} at ${r.constructPath}`,
      ),
    ),
  );

describe("cdk-nag AwsSolutions", () => {
  let reports: readonly PluginReport[];
  beforeAll(() => {
    // Synthesis itself throws on an unacknowledged error; warnings only reach the report.
    reports = synthBridge({ context: EVERYTHING }).pluginReports;
  });

  it("reports no unacknowledged errors or warnings with every option enabled", () => {
    expect(findings(reports)).toEqual([]);
  });

  it("reports nothing for the default configuration either, but the warning that no one hears of alerts", () => {
    const reports = synthBridge({ validateCloudFormation: false }).pluginReports;
    const annotations = reports.filter((report) => report.pluginName === "Construct Annotations");
    expect(findings(reports.filter((report) => !annotations.includes(report)))).toEqual([]);
    expect(annotations.flatMap((report) => report.violations.map((v) => v.ruleName))).toEqual([
      "Annotation::@bridge/context:noAlertSubscriber",
    ]);
  });

  it("would fail synthesis on a new finding", () => {
    const { app, stack } = createBridgeApp({
      outdir: mkdtempSync(join(tmpdir(), "bridge-cdk-")),
      builtinCloudFormationValidation: false,
      context: { ...CDK_JSON_CONTEXT, ...ZENDESK_CONTEXT, "aws:cdk:bundling-stacks": [] },
    });
    new sqs.Queue(stack, "UnencryptedQueue");
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
