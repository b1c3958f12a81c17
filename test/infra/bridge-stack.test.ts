import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_SECRET_EXCLUDED_CHARACTERS } from "../../lib/constructs/bridge-secrets.js";
import { TELEGRAM_DEFAULT_CIDRS } from "../../lib/context.js";
import { synthBridge } from "./synth.js";
import {
  allIdentityStatements,
  asArray,
  environmentOf,
  functionNamed,
  onlyResource,
  propsOf,
  referencedId,
  resourcesOfType,
  roleOf,
  statementsOf,
  statementsOfRole,
} from "./template-queries.js";

// One synthesis with real esbuild bundling, shared by every test in this file. CDK's
// CloudFormation validation runs in cdk-nag.test.ts only: it costs seconds per synthesis.
let template: Template;
// Bundling seven functions (the rotation and age-check functions too) takes over a minute on a loaded machine.
beforeAll(() => {
  template = synthBridge({ bundle: true, validateCloudFormation: false }).template;
}, 240_000);

const keyId = (): string => onlyResource(template, "AWS::KMS::Key")[0];
const secretId = (name: string): string =>
  onlyResource(template, "AWS::SecretsManager::Secret", (r) =>
    String(r.Properties?.Description).includes(name),
  )[0];
const SERVICES = ["intake", "routing", "sla-scanner"] as const;

describe("functions", () => {
  it("run Node.js 24 on arm64", () => {
    // The three request-path functions, three secret rotation functions and the bot token age check.
    template.resourceCountIs("AWS::Lambda::Function", 7);
    template.resourcePropertiesCountIs(
      "AWS::Lambda::Function",
      { Runtime: "nodejs24.x", Architectures: ["arm64"], Handler: "index.handler" },
      7,
    );
  });

  it("have the agreed memory, timeout and active tracing", () => {
    const settings = SERVICES.map((s) => {
      const p = functionNamed(template, s)[1].Properties ?? {};
      return [s, p.MemorySize, p.Timeout, (p.TracingConfig as { Mode: string }).Mode];
    });
    expect(settings).toEqual([
      ["intake", 512, 10, "Active"],
      ["routing", 512, 28, "Active"],
      ["sla-scanner", 256, 60, "Active"],
    ]);
  });

  it("leave reserved concurrency unset", () => {
    template.resourcePropertiesCountIs(
      "AWS::Lambda::Function",
      { ReservedConcurrentExecutions: Match.absent() },
      7,
    );
  });

  it("log to their own CMK-encrypted log group", () => {
    for (const s of SERVICES) {
      const logging = propsOf(functionNamed(template, s)[1]).LoggingConfig as
        | { LogGroup?: unknown }
        | undefined;
      const group = referencedId(logging?.LogGroup);
      expect(resourcesOfType(template, "AWS::Logs::LogGroup")[group ?? ""]?.Properties).toMatchObject({
        RetentionInDays: 90,
        KmsKeyId: { "Fn::GetAtt": [keyId(), "Arn"] },
      });
    }
  });

  it("share the base environment", () => {
    for (const s of SERVICES) {
      expect(environmentOf(functionNamed(template, s)[1])).toMatchObject({
        BRIDGE_RUNTIME: "aws",
        POWERTOOLS_SERVICE_NAME: s,
        POWERTOOLS_METRICS_NAMESPACE: "TelegramZendeskBridge",
        POWERTOOLS_LOG_LEVEL: "INFO",
        TABLE_NAME: { Ref: onlyResource(template, "AWS::DynamoDB::Table")[0] },
      });
    }
  });

  it("get exactly the environment variables the config module reads", () => {
    const names = Object.fromEntries(
      SERVICES.map((s) => [s, Object.keys(environmentOf(functionNamed(template, s)[1])).sort()]),
    );
    const base = [
      "BRIDGE_RUNTIME",
      "POWERTOOLS_LOG_LEVEL",
      "POWERTOOLS_METRICS_NAMESPACE",
      "POWERTOOLS_SERVICE_NAME",
      "TABLE_NAME",
    ];
    expect(names).toEqual({
      intake: [
        ...base,
        "EVENT_BUS_NAME",
        "TELEGRAM_BOT_TOKEN_SECRET_ARN",
        "TELEGRAM_WEBHOOK_SECRET_ARN",
        "WEBHOOK_GRACE_SECONDS",
        "ZENDESK_URL",
      ].sort(),
      routing: [
        ...base,
        "EVENT_BUS_NAME",
        "TELEGRAM_BOT_TOKEN_SECRET_ARN",
        "WEBHOOK_GRACE_SECONDS",
        "ZENDESK_API_TOKEN_SECRET_ARN",
        "ZENDESK_EMAIL",
        "ZENDESK_URL",
        "ZENDESK_WEBHOOK_SECRET_ARN",
      ].sort(),
      "sla-scanner": [
        ...base,
        "ALERT_TOPIC_ARN",
        "TELEGRAM_BOT_TOKEN_SECRET_ARN",
        "ZENDESK_API_TOKEN_SECRET_ARN",
        "ZENDESK_EMAIL",
        "ZENDESK_URL",
      ].sort(),
    });
  });

  it("pass secrets as references to Secrets Manager ARNs, never values", () => {
    const secretIds = Object.keys(resourcesOfType(template, "AWS::SecretsManager::Secret"));
    for (const s of SERVICES) {
      for (const [name, value] of Object.entries(environmentOf(functionNamed(template, s)[1]))) {
        if (/SECRET|TOKEN/.test(name)) {
          expect(name).toMatch(/_SECRET_ARN$/);
          expect(secretIds).toContain(referencedId(value));
        }
      }
    }
    template.allResourcesProperties("AWS::SecretsManager::Secret", { SecretString: Match.absent() });
  });

  it("give intake the Zendesk URL for the anonymous Help Center search, and no Zendesk credential", () => {
    const intake = environmentOf(functionNamed(template, "intake")[1]);
    expect(intake.ZENDESK_URL).toBe("https://acme.zendesk.com");
    expect(Object.keys(intake).filter((name) => name.startsWith("ZENDESK_"))).toEqual(["ZENDESK_URL"]);
  });

  it("point the Zendesk variables at the configured account", () => {
    expect(environmentOf(functionNamed(template, "routing")[1])).toMatchObject({
      ZENDESK_URL: "https://acme.zendesk.com",
      ZENDESK_EMAIL: "support@acme.test",
    });
  });
});

describe("IAM", () => {
  const secretReadsOf = (service: string): string[] =>
    statementsOfRole(template, roleOf(functionNamed(template, service)[1]))
      .filter((st) => asArray(st.Action).includes("secretsmanager:GetSecretValue"))
      .flatMap((st) => asArray(st.Resource).map((r) => referencedId(r) ?? "unresolved"))
      .sort();

  it("lets each function read only its own secrets", () => {
    expect({
      intake: secretReadsOf("intake"),
      routing: secretReadsOf("routing"),
      "sla-scanner": secretReadsOf("sla-scanner"),
    }).toEqual({
      intake: [secretId("Telegram bot token"), secretId("secret_token")].sort(),
      routing: [
        secretId("Telegram bot token"),
        secretId("Zendesk API token"),
        secretId("signing secret"),
      ].sort(),
      "sla-scanner": [secretId("Telegram bot token"), secretId("Zendesk API token")].sort(),
    });
  });

  it("uses Resource '*' only for the X-Ray tracing actions", () => {
    const wildcard = allIdentityStatements(template).filter((st) => asArray(st.Resource).includes("*"));
    expect(wildcard.flatMap((st) => asArray(st.Action)).sort()).toEqual(
      Array(7).fill(["xray:PutTelemetryRecords", "xray:PutTraceSegments"]).flat().sort(),
    );
  });

  it("uses no wildcard actions", () => {
    const actions = allIdentityStatements(template).flatMap((st) => asArray(st.Action));
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
  });

  it("names a template resource in every other statement", () => {
    const unnamed = allIdentityStatements(template)
      .filter((st) => !asArray(st.Resource).includes("*"))
      .flatMap((st) => asArray(st.Resource))
      .filter((r) => !JSON.stringify(r).match(/"(Ref|Fn::GetAtt)"/));
    expect(unnamed).toEqual([]);
  });

  it("attaches no AWS managed policy to the function roles", () => {
    for (const s of SERVICES) {
      const role = resourcesOfType(template, "AWS::IAM::Role")[roleOf(functionNamed(template, s)[1])];
      expect(role?.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it("allows events:PutEvents only on the bridge bus", () => {
    const busId = onlyResource(template, "AWS::Events::EventBus")[0];
    const putEvents = allIdentityStatements(template).filter((st) =>
      asArray(st.Action).includes("events:PutEvents"),
    );
    expect(putEvents.length).toBeGreaterThan(0);
    for (const st of putEvents) expect(asArray(st.Resource).map(referencedId)).toEqual([busId]);
  });

  it("allows sns:Publish only to the scanner, on the alert topic", () => {
    const topicId = onlyResource(template, "AWS::SNS::Topic")[0];
    const scannerRole = roleOf(functionNamed(template, "sla-scanner")[1]);
    const publishers = Object.entries(resourcesOfType(template, "AWS::IAM::Policy")).filter(([, p]) =>
      JSON.stringify(p.Properties?.PolicyDocument).includes("sns:Publish"),
    );
    expect(publishers.map(([, p]) => referencedId(asArray(p.Properties?.Roles as unknown[])[0]))).toEqual([
      scannerRole,
    ]);
    const publish = statementsOfRole(template, scannerRole).find((st) =>
      asArray(st.Action).includes("sns:Publish"),
    );
    expect(asArray(publish?.Resource).map(referencedId)).toEqual([topicId]);
  });

  it("limits key use by the functions to the services that encrypt for them", () => {
    const keyStatements = allIdentityStatements(template).filter((st) =>
      asArray(st.Action).some((a) => a.startsWith("kms:")),
    );
    for (const st of keyStatements) {
      expect(asArray(st.Resource).map(referencedId)).toEqual([keyId()]);
      expect(st.Condition?.StringEquals?.["kms:ViaService"]).toBeDefined();
    }
  });
});

describe("table", () => {
  it("uses pk/sk keys, on-demand billing and is retained", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      Properties: {
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      },
    });
  });

  it("has the customer and SLA-due indexes", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      GlobalSecondaryIndexes: [
        {
          IndexName: "gsi1",
          KeySchema: [
            { AttributeName: "gsi1pk", KeyType: "HASH" },
            { AttributeName: "gsi1sk", KeyType: "RANGE" },
          ],
        },
        {
          IndexName: "gsi2",
          KeySchema: [
            { AttributeName: "gsi2pk", KeyType: "HASH" },
            { AttributeName: "gsi2sk", KeyType: "RANGE" },
          ],
        },
      ],
      AttributeDefinitions: Match.arrayWith(
        ["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"].map((name) => ({
          AttributeName: name,
          AttributeType: "S",
        })),
      ),
    });
  });

  it("expires items on expiresAt, keeps PITR and encrypts with the bridge key", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: "KMS",
        KMSMasterKeyId: { "Fn::GetAtt": [keyId(), "Arn"] },
      },
    });
  });
});

describe("encryption key", () => {
  it("rotates", () => {
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });

  it("lets CloudWatch Logs, alarms and EventBridge use it", () => {
    const statements = statementsOf(propsOf(onlyResource(template, "AWS::KMS::Key")[1]).KeyPolicy);
    const principals = JSON.stringify(statements.map((s) => s.Principal));
    expect(principals).toContain("logs.");
    expect(principals).toContain("cloudwatch.amazonaws.com");
    expect(principals).toContain("events.amazonaws.com");
  });
});

describe("events", () => {
  it("routes intake events to the routing function with retries and a DLQ", () => {
    const [routingId] = functionNamed(template, "routing");
    template.hasResourceProperties("AWS::Events::Rule", {
      EventBusName: { Ref: onlyResource(template, "AWS::Events::EventBus")[0] },
      EventPattern: {
        source: ["telegram-zendesk-bridge.intake"],
        "detail-type": ["IntakeSubmitted", "CustomerMessageReceived", "TicketFeedbackGiven"],
      },
      Targets: [
        {
          Arn: { "Fn::GetAtt": [routingId, "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21_600 },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^RoutingDeadLetters"), "Arn"] } },
        },
      ],
    });
  });

  it("sends routing failures Lambda gives up on to the same DLQ", () => {
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: { Ref: functionNamed(template, "routing")[0] },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("^RoutingDeadLetters"), "Arn"] } },
      },
    });
  });

  it("ticks the SLA scanner every minute with a retry policy and DLQ", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(1 minute)",
      Targets: [
        {
          Arn: { "Fn::GetAtt": [functionNamed(template, "sla-scanner")[0], "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 120 },
          DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.stringLikeRegexp("^SlaTickDeadLetters"), "Arn"] } },
        },
      ],
    });
  });

  it("keeps dead letters 14 days, encrypted and TLS-only", () => {
    template.resourcePropertiesCountIs(
      "AWS::SQS::Queue",
      { KmsMasterKeyId: { "Fn::GetAtt": [keyId(), "Arn"] }, MessageRetentionPeriod: 1_209_600 },
      2,
    );
    template.resourcePropertiesCountIs(
      "AWS::SQS::QueuePolicy",
      {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
          ]),
        },
      },
      2,
    );
  });
});

describe("alerts", () => {
  it("encrypts the topic with the bridge key", () => {
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: { "Fn::GetAtt": [keyId(), "Arn"] } });
  });

  it("refuses to publish to the topic without TLS", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: onlyResource(template, "AWS::SNS::Topic")[0] }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
  });

  it("lets this account's alarms, and no other caller, publish through the topic policy", () => {
    const [, policy] = onlyResource(template, "AWS::SNS::TopicPolicy");
    const allows = statementsOf(propsOf(policy).PolicyDocument).filter((s) => s.Effect === "Allow");
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Condition: {
          ArnLike: { "aws:SourceArn": expect.anything() },
          StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
        },
      }),
    ]);
    expect(JSON.stringify(allows[0]?.Condition)).toContain(":alarm:*");
  });

  it("alarms on DLQ depth, each function's errors, API 5XX, refused webhook calls and the bot token's age", () => {
    const topicId = onlyResource(template, "AWS::SNS::Topic")[0];
    const alarms = Object.values(resourcesOfType(template, "AWS::CloudWatch::Alarm")).map(
      (a) => a.Properties ?? {},
    );
    expect(alarms.map((a) => `${a.Namespace}/${a.MetricName}`).sort()).toEqual([
      "AWS/ApiGateway/5XXError",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Errors",
      "AWS/Lambda/Invocations",
      "AWS/SQS/ApproximateNumberOfMessagesVisible",
      "AWS/SQS/ApproximateNumberOfMessagesVisible",
      "TelegramZendeskBridge/RejectedWebhookCalls",
      "TelegramZendeskBridge/RejectedWebhookCalls",
      "TelegramZendeskBridge/SecretAgeDays",
    ]);
    const thresholds: Record<string, number> = { SecretAgeDays: 90, RejectedWebhookCalls: 10 };
    for (const alarm of alarms.filter((a) => a.MetricName !== "Invocations")) {
      const threshold = thresholds[String(alarm.MetricName)] ?? 0;
      expect(alarm).toMatchObject({ Threshold: threshold, ComparisonOperator: "GreaterThanThreshold" });
    }
    for (const alarm of alarms) {
      expect(asArray(alarm.AlarmActions as unknown[]).map(referencedId)).toEqual([topicId]);
      expect(asArray(alarm.OKActions as unknown[]).map(referencedId)).toEqual([topicId]);
    }
  });

  it("alarms on each webhook's refused calls, counted by the function that refuses them", () => {
    const rejected = Object.values(resourcesOfType(template, "AWS::CloudWatch::Alarm"))
      .map((a) => a.Properties ?? {})
      .filter((a) => a.MetricName === "RejectedWebhookCalls");
    expect(rejected.map((a) => [a.Dimensions, a.Period, a.Statistic])).toEqual(
      expect.arrayContaining([
        [[{ Name: "service", Value: "intake" }], 900, "Sum"],
        [[{ Name: "service", Value: "routing" }], 900, "Sum"],
      ]),
    );
  });

  it("alarms when the SLA scanner has not run for five minutes, also when it reports nothing", () => {
    const [, alarm] = onlyResource(
      template,
      "AWS::CloudWatch::Alarm",
      (r) => r.Properties?.MetricName === "Invocations",
    );
    expect(alarm.Properties).toMatchObject({
      Dimensions: [{ Name: "FunctionName", Value: { Ref: functionNamed(template, "sla-scanner")[0] } }],
      Statistic: "Sum",
      Period: 300,
      Threshold: 1,
      ComparisonOperator: "LessThanThreshold",
      TreatMissingData: "breaching",
    });
  });

  it("has no e-mail subscription or Slack channel unless configured", () => {
    template.resourceCountIs("AWS::SNS::Subscription", 0);
    template.resourceCountIs("AWS::Chatbot::SlackChannelConfiguration", 0);
  });
});

describe("secrets", () => {
  it("encrypts all four with the bridge key", () => {
    template.resourcePropertiesCountIs(
      "AWS::SecretsManager::Secret",
      { KmsKeyId: { "Fn::GetAtt": [keyId(), "Arn"] } },
      4,
    );
  });

  it("generates a 64-character webhook secret from A-Z a-z 0-9 _ - only", () => {
    template.hasResourceProperties("AWS::SecretsManager::Secret", {
      GenerateSecretString: {
        PasswordLength: 64,
        IncludeSpace: false,
        ExcludeCharacters: WEBHOOK_SECRET_EXCLUDED_CHARACTERS,
      },
    });
    const secretsManagerPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    const allowed = [...secretsManagerPunctuation].filter(
      (c) => !WEBHOOK_SECRET_EXCLUDED_CHARACTERS.includes(c),
    );
    expect(allowed).toEqual(["-", "_"]);
  });
});

describe("webhook API", () => {
  it("is regional", () => {
    template.hasResourceProperties("AWS::ApiGateway::RestApi", {
      EndpointConfiguration: { Types: ["REGIONAL"] },
    });
  });

  it("accepts TLS 1.2 or newer only (a REST API has no plain-HTTP listener at all)", () => {
    template.hasResourceProperties("AWS::ApiGateway::RestApi", { SecurityPolicy: "TLS_1_2" });
  });

  it("proxies POST /telegram/webhook to intake and POST /zendesk/webhook to routing", () => {
    const resources = resourcesOfType(template, "AWS::ApiGateway::Resource");
    const pathOf = (id: string): string => {
      const props = resources[id]?.Properties ?? {};
      const parent = referencedId(props.ParentId);
      return `${parent !== undefined && parent in resources ? pathOf(parent) : ""}/${String(props.PathPart)}`;
    };
    const routes = Object.values(resourcesOfType(template, "AWS::ApiGateway::Method")).map((m) => {
      const p = m.Properties ?? {};
      const uri = JSON.stringify((p.Integration as { Uri: unknown }).Uri);
      const target = SERVICES.find((s) => uri.includes(functionNamed(template, s)[0]));
      return [
        p.HttpMethod,
        pathOf(referencedId(p.ResourceId) ?? ""),
        (p.Integration as { Type: string }).Type,
        target,
      ];
    });
    expect(routes.sort()).toEqual([
      ["POST", "/telegram/webhook", "AWS_PROXY", "intake"],
      ["POST", "/zendesk/webhook", "AWS_PROXY", "routing"],
    ]);
  });

  it("throttles, traces, records metrics and writes JSON access logs to an encrypted group", () => {
    const [stageId, stage] = onlyResource(template, "AWS::ApiGateway::Stage");
    expect(stageId).toBeDefined();
    expect(stage.Properties).toMatchObject({
      TracingEnabled: true,
      MethodSettings: [
        { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100, MetricsEnabled: true, DataTraceEnabled: false },
      ],
    });
    const access = stage.Properties?.AccessLogSetting as { Format: string; DestinationArn: unknown };
    expect(JSON.parse(access.Format)).toMatchObject({
      requestId: "$context.requestId",
      status: "$context.status",
    });
    const groupId = JSON.stringify(access.DestinationArn).match(/"Ref":"(?!AWS::)([^"]+)"/)?.[1] ?? "";
    expect(resourcesOfType(template, "AWS::Logs::LogGroup")[groupId]?.Properties).toMatchObject({
      KmsKeyId: { "Fn::GetAtt": [keyId(), "Arn"] },
    });
  });

  it("denies Telegram's route to callers outside Telegram's ranges", () => {
    template.hasResourceProperties("AWS::ApiGateway::RestApi", {
      Policy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Allow", Action: "execute-api:Invoke", Resource: "execute-api:/*" }),
          Match.objectLike({
            Effect: "Deny",
            Action: "execute-api:Invoke",
            Resource: "execute-api:/*/*/telegram/webhook",
            Condition: { NotIpAddress: { "aws:SourceIp": [...TELEGRAM_DEFAULT_CIDRS] } },
          }),
        ]),
      },
    });
  });

  it("leaves the Zendesk route open by address when no Zendesk ranges are configured", () => {
    const [, api] = onlyResource(template, "AWS::ApiGateway::RestApi");
    expect(JSON.stringify(api.Properties?.Policy)).not.toContain("zendesk");
  });

  it("makes the stage's execution log group itself, encrypted and expiring, before the stage", () => {
    const [stageId, stage] = onlyResource(template, "AWS::ApiGateway::Stage");
    const [apiId] = onlyResource(template, "AWS::ApiGateway::RestApi");
    const [groupId, group] = onlyResource(template, "AWS::Logs::LogGroup", (r) =>
      JSON.stringify(r.Properties?.LogGroupName ?? "").includes("API-Gateway-Execution-Logs_"),
    );
    expect(group.Properties).toMatchObject({
      LogGroupName: { "Fn::Join": ["", ["API-Gateway-Execution-Logs_", { Ref: apiId }, "/prod"]] },
      KmsKeyId: { "Fn::GetAtt": [keyId(), "Arn"] },
      RetentionInDays: 90,
    });
    expect(asArray(stage.DependsOn ?? [])).toContain(groupId);
    expect(stageId).toBeDefined();
  });

  it("enables the API Gateway CloudWatch role", () => {
    template.resourceCountIs("AWS::ApiGateway::Account", 1);
  });
});

describe("outputs", () => {
  it("publish the URLs, names and secret ARNs a deployer needs", () => {
    const outputs = Object.keys(template.findOutputs("*"));
    expect(outputs).toEqual(
      expect.arrayContaining([
        "ApiUrl",
        "TelegramWebhookUrl",
        "ZendeskWebhookUrl",
        "IntakeFunctionName",
        "RoutingFunctionName",
        "TableName",
        "EventBusName",
        "RoutingDeadLetterQueueUrl",
        "SlaTickDeadLetterQueueUrl",
        "AlertTopicArn",
        "TelegramBotTokenSecretArn",
        "TelegramWebhookSecretArn",
        "ZendeskApiTokenSecretArn",
        "ZendeskWebhookSecretArn",
      ]),
    );
  });
});
