import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { synthBridge } from "./synth.js";
import {
  asArray,
  onlyResource,
  propsOf,
  referencedId,
  resourcesOfType,
  statementsOf,
} from "./template-queries.js";

const ZENDESK_RANGES = ["216.198.0.0/18", "52.0.0.0/24"];

// Every optional context key set to a non-default value, in one synthesis.
let template: Template;
beforeAll(() => {
  template = synthBridge({
    validateCloudFormation: false,
    context: {
      stackName: "SupportBridge",
      slackWorkspaceId: "T0123ABCD",
      slackChannelId: "C0123ABCD",
      zendeskAllowedCidrs: ZENDESK_RANGES.join(","),
      telegramAllowedCidrs: ["149.154.160.0/20"],
      alarmEmail: "ops@acme.test",
      logRetentionDays: 200,
      apiThrottleRateLimit: 10,
      apiThrottleBurstLimit: 20,
      secretRotationDays: 30,
      webhookSecretGraceMinutes: 5,
    },
  }).template;
});

describe("with every option set", () => {
  it("denies the Zendesk route outside the configured ranges", () => {
    template.hasResourceProperties("AWS::ApiGateway::RestApi", {
      Policy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Resource: "execute-api:/*/*/zendesk/webhook",
            Condition: { NotIpAddress: { "aws:SourceIp": ZENDESK_RANGES } },
          }),
        ]),
      },
    });
  });

  it("uses the configured Telegram ranges", () => {
    template.hasResourceProperties("AWS::ApiGateway::RestApi", {
      Policy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Resource: "execute-api:/*/*/telegram/webhook",
            Condition: { NotIpAddress: { "aws:SourceIp": ["149.154.160.0/20"] } },
          }),
        ]),
      },
    });
  });

  it("subscribes the Slack channel to the alert topic", () => {
    const topicId = onlyResource(template, "AWS::SNS::Topic")[0];
    const [, channel] = onlyResource(template, "AWS::Chatbot::SlackChannelConfiguration");
    expect(propsOf(channel)).toMatchObject({
      ConfigurationName: "SupportBridge-alerts",
      SlackWorkspaceId: "T0123ABCD",
      SlackChannelId: "C0123ABCD",
      SnsTopicArns: [{ Ref: topicId }],
    });
  });

  it("limits the Slack channel to describing the bridge's alarms", () => {
    const [policyId, policy] = onlyResource(template, "AWS::IAM::ManagedPolicy");
    const [, channel] = onlyResource(template, "AWS::Chatbot::SlackChannelConfiguration");
    expect((propsOf(channel).GuardrailPolicies as unknown[]).map(referencedId)).toEqual([policyId]);
    const alarmIds = Object.keys(resourcesOfType(template, "AWS::CloudWatch::Alarm")).sort();
    const statements = statementsOf(propsOf(policy).PolicyDocument);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.Action).toEqual(["cloudwatch:DescribeAlarmHistory", "cloudwatch:DescribeAlarms"]);
    expect(asArray(statements[0]?.Resource).map(referencedId).sort()).toEqual(alarmIds);
  });

  it("e-mails alarms to alarmEmail", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@acme.test",
    });
  });

  it("rounds logRetentionDays to the nearest supported retention on every log group", () => {
    // Seven functions, the API's access log and its execution log.
    template.resourcePropertiesCountIs("AWS::Logs::LogGroup", { RetentionInDays: 180 }, 9);
  });

  it("throttles the stage as configured", () => {
    template.hasResourceProperties("AWS::ApiGateway::Stage", {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 })],
    });
  });

  it("passes the webhook secret grace window to intake and routing in seconds", () => {
    template.resourcePropertiesCountIs(
      "AWS::Lambda::Function",
      { Environment: { Variables: Match.objectLike({ WEBHOOK_GRACE_SECONDS: "300" }) } },
      2,
    );
  });

  it("states the rotation period on every secret and schedules it", () => {
    template.resourcePropertiesCountIs(
      "AWS::SecretsManager::Secret",
      { Description: Match.stringLikeRegexp("Rotated every 30 days") },
      4,
    );
    template.allResourcesProperties("AWS::SecretsManager::RotationSchedule", {
      RotationRules: { ScheduleExpression: "rate(30 days)" },
    });
  });
});

describe("changing an allow-list", () => {
  // CDK hashes the RestApi's properties, policy included, into the deployment's logical ID.
  it("creates a new API deployment so the stage picks up the resource policy", () => {
    const deploymentWith = (zendeskAllowedCidrs: string[]) =>
      onlyResource(
        synthBridge({ validateCloudFormation: false, context: { zendeskAllowedCidrs } }).template,
        "AWS::ApiGateway::Deployment",
      )[0];
    expect(deploymentWith(["216.198.0.0/18"])).not.toBe(deploymentWith(["216.198.0.0/19"]));
  });
});

describe("without the Zendesk keys", () => {
  it("synthesizes with a warning that names the missing keys", () => {
    const { assembly, stack } = synthBridge({ zendesk: false, validateCloudFormation: false });
    const warnings = assembly
      .getStackArtifact(stack.artifactId)
      .messages.filter((m) => m.level === "warning")
      .map((m) => String(m.entry.data));
    expect(warnings).toEqual([
      expect.stringMatching(/zendeskSubdomain, zendeskEmail not set/),
      expect.stringMatching(/nobody hears of them/),
    ]);
  });
});
