import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { synthBridge } from "./synth.js";
import {
  asArray,
  type CfnResource,
  environmentOf,
  functionNamed,
  onlyResource,
  propsOf,
  referencedId,
  resourcesOfType,
  roleOf,
  statementsOfRole,
} from "./template-queries.js";

let template: Template;
beforeAll(() => {
  template = synthBridge({ validateCloudFormation: false }).template;
});

const secretNamed = (name: string): string =>
  onlyResource(template, "AWS::SecretsManager::Secret", (r) =>
    String(r.Properties?.Description).includes(name),
  )[0];
const SECRETS = {
  "telegram-webhook-secret": "secret_token for Telegram",
  "zendesk-webhook-secret": "signing secret",
  "zendesk-api-token": "Zendesk API token",
} as const;
const rotationFunction = (target: string): CfnResource => {
  const matches = Object.values(resourcesOfType(template, "AWS::Lambda::Function")).filter(
    (fn) => environmentOf(fn).ROTATION_TARGET === target,
  );
  expect(matches).toHaveLength(1);
  return matches[0] as CfnResource;
};
const secretsReached = (fn: CfnResource, action: string): string[] =>
  statementsOfRole(template, roleOf(fn))
    .filter((s) => asArray(s.Action).includes(action))
    .flatMap((s) => asArray(s.Resource as unknown[]).map((r) => referencedId(r) ?? JSON.stringify(r)))
    .sort();

describe("secret rotation", () => {
  it("schedules the three rotatable secrets every 90 days by default, each with its own function", () => {
    const schedules = Object.values(resourcesOfType(template, "AWS::SecretsManager::RotationSchedule"));
    expect(schedules).toHaveLength(3);
    for (const [target, name] of Object.entries(SECRETS)) {
      const schedule = schedules.find((s) => referencedId(propsOf(s).SecretId) === secretNamed(name));
      expect(propsOf(schedule).RotationRules).toEqual({ ScheduleExpression: "rate(90 days)" });
      const fnId = Object.entries(resourcesOfType(template, "AWS::Lambda::Function")).find(
        ([, fn]) => environmentOf(fn).ROTATION_TARGET === target,
      )?.[0];
      expect(referencedId(propsOf(schedule).RotationLambdaARN)).toBe(fnId);
    }
  });

  it("waits a period for the first rotation, instead of rotating the deploy's placeholders at once", () => {
    template.resourcePropertiesCountIs(
      "AWS::SecretsManager::RotationSchedule",
      { RotateImmediatelyOnUpdate: false },
      3,
    );
  });

  it("alarms when a rotation function fails", () => {
    for (const target of Object.keys(SECRETS)) {
      const fnId = Object.entries(resourcesOfType(template, "AWS::Lambda::Function")).find(
        ([, fn]) => environmentOf(fn).ROTATION_TARGET === target,
      )?.[0];
      const [, alarm] = onlyResource(template, "AWS::CloudWatch::Alarm", (r) =>
        JSON.stringify(r.Properties?.Dimensions ?? []).includes(`"${fnId}"`),
      );
      expect(alarm.Properties).toMatchObject({ MetricName: "Errors", Threshold: 0, Statistic: "Sum" });
      expect(String(alarm.Properties?.AlarmDescription)).toContain(target);
    }
  });

  it("takes the period from the secretRotationDays context", () => {
    const short = synthBridge({
      context: { secretRotationDays: 30 },
      validateCloudFormation: false,
    }).template;
    short.allResourcesProperties("AWS::SecretsManager::RotationSchedule", {
      RotationRules: { ScheduleExpression: "rate(30 days)" },
    });
  });

  it("does not schedule the bot token, which Telegram cannot rotate by API", () => {
    const botToken = secretNamed("@BotFather");
    const schedules = Object.values(resourcesOfType(template, "AWS::SecretsManager::RotationSchedule"));
    expect(schedules.map((s) => referencedId(propsOf(s).SecretId))).not.toContain(botToken);
  });

  it("lets each rotation function write only its own secret", () => {
    for (const [target, name] of Object.entries(SECRETS)) {
      const fn = rotationFunction(target);
      for (const action of ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]) {
        expect(secretsReached(fn, action)).toEqual([secretNamed(name)]);
      }
    }
  });

  it("lets each rotation function read only its own secret and the credential it calls out with", () => {
    const reads = (target: string) =>
      secretsReached(rotationFunction(target), "secretsmanager:GetSecretValue");
    expect(reads("telegram-webhook-secret")).toEqual(
      [secretNamed(SECRETS["telegram-webhook-secret"]), secretNamed("@BotFather")].sort(),
    );
    expect(reads("zendesk-webhook-secret")).toEqual(
      [secretNamed(SECRETS["zendesk-webhook-secret"]), secretNamed(SECRETS["zendesk-api-token"])].sort(),
    );
    expect(reads("zendesk-api-token")).toEqual([secretNamed(SECRETS["zendesk-api-token"])]);
  });

  it("gives the Zendesk webhook rotation the bridge's webhook URL, not a secret", () => {
    const env = environmentOf(rotationFunction("zendesk-webhook-secret"));
    expect(JSON.stringify(env.ZENDESK_WEBHOOK_ENDPOINT)).toContain("zendesk/webhook");
    expect(env.ZENDESK_URL).toBe("https://acme.zendesk.com");
  });

  it("logs every rotation function to a CMK-encrypted log group", () => {
    const keyId = onlyResource(template, "AWS::KMS::Key")[0];
    for (const target of Object.keys(SECRETS)) {
      const logging = propsOf(rotationFunction(target)).LoggingConfig as { LogGroup?: unknown };
      const group = resourcesOfType(template, "AWS::Logs::LogGroup")[referencedId(logging.LogGroup) ?? ""];
      expect(propsOf(group).KmsKeyId).toEqual({ "Fn::GetAtt": [keyId, "Arn"] });
    }
  });

  it("tells intake and routing how long a previous webhook secret stays accepted (10 minutes)", () => {
    for (const s of ["intake", "routing"]) {
      expect(environmentOf(functionNamed(template, s)[1]).WEBHOOK_GRACE_SECONDS).toBe("600");
    }
  });
});

describe("bot token age alarm", () => {
  it("watches the bot token with version dates only", () => {
    const [, fn] = functionNamed(template, "secret-age");
    expect(referencedId(environmentOf(fn).WATCHED_SECRET_ARN)).toBe(secretNamed("@BotFather"));
    const actions = statementsOfRole(template, roleOf(fn)).flatMap((s) => asArray(s.Action));
    expect(actions).toContain("secretsmanager:ListSecretVersionIds");
    expect(actions).not.toContain("secretsmanager:GetSecretValue");
  });

  it("alarms once the token is older than the rotation period", () => {
    const [, alarm] = onlyResource(
      template,
      "AWS::CloudWatch::Alarm",
      (r) => r.Properties?.MetricName === "SecretAgeDays",
    );
    expect(alarm.Properties).toMatchObject({
      Namespace: "TelegramZendeskBridge",
      Dimensions: [{ Name: "service", Value: "secret-age" }],
      Threshold: 90,
      ComparisonOperator: "GreaterThanThreshold",
      Period: 86_400,
    });
  });
});
