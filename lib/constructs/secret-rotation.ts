import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { ALARM_PERIODS, type Alerts } from "./alerts.js";
import { BridgeFunction, METRICS_NAMESPACE } from "./bridge-function.js";
import type { BridgeSecrets } from "./bridge-secrets.js";

export interface SecretRotationProps {
  readonly secrets: BridgeSecrets;
  readonly rotationDays: number;
  readonly encryptionKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly zendeskUrl: string;
  readonly zendeskEmail: string;
  /** The bridge's `/zendesk/webhook` URL; the Zendesk webhook posting there is the one whose secret rotates. */
  readonly zendeskWebhookEndpoint: string;
  readonly alerts: Alerts;
}

/** Must match `SECRET_AGE_METRIC` / `SECRET_AGE_SERVICE` in src/wiring/aws-secret-age.ts. */
const SECRET_AGE_METRIC = { metricName: "SecretAgeDays", service: "secret-age" } as const;

/**
 * Rotation for the three secrets a program can rotate, and an age alarm for the one it cannot.
 *
 * One function per rotated secret, all built from `functions/secret-rotation` with `ROTATION_TARGET`
 * naming the strategy: each role reaches only its own secret (plus the credential it calls the other
 * service with), which a single dispatcher function could not offer.
 */
export class SecretRotation extends Construct {
  readonly functions: BridgeFunction[] = [];
  readonly ageAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SecretRotationProps) {
    super(scope, id);
    const { secrets } = props;
    const common = { encryptionKey: props.encryptionKey, logRetention: props.logRetention };

    const rotate = (
      fnId: string,
      target: string,
      secret: secretsmanager.Secret,
      configure: (fn: BridgeFunction) => BridgeFunction,
    ) => {
      const fn = configure(
        new BridgeFunction(this, fnId, {
          ...common,
          name: "secret-rotation",
          description: `Rotates the ${target} (Secrets Manager's four steps)`,
          memorySize: 256,
          timeout: Duration.seconds(30),
        }).addEnvironment("ROTATION_TARGET", target),
      );
      fn.rotateSecret(secret);
      // The L1 schedule instead of `secret.addRotationSchedule`: that one also grants kms:GenerateDataKey*,
      // kms:ReEncrypt* and secretsmanager:GetRandomPassword on "*", which these functions never use and the
      // stack's no-wildcard rule (test/infra) forbids. Secrets Manager may invoke the function for this
      // secret only.
      const invoke = new lambda.CfnPermission(this, `${fnId}Invoke`, {
        action: "lambda:InvokeFunction",
        functionName: fn.function.functionArn,
        principal: "secretsmanager.amazonaws.com",
        sourceArn: secret.secretArn,
      });
      const schedule = new secretsmanager.CfnRotationSchedule(this, `${fnId}Schedule`, {
        secretId: secret.secretArn,
        rotationLambdaArn: fn.function.functionArn,
        rotationRules: { scheduleExpression: `rate(${props.rotationDays} days)` },
        // By default Secrets Manager rotates as soon as the schedule is created, while the secrets still
        // hold the deploy's placeholders and no webhook exists: every first rotation would fail, and the
        // webhook secret's would leave a stray AWSPENDING version. The first rotation comes a period later.
        rotateImmediatelyOnUpdate: false,
      });
      schedule.node.addDependency(invoke);
      props.alerts.alarmAboveZero(
        `${fnId}ErrorsAlarm`,
        fn.function.metricErrors({ period: ALARM_PERIODS.errors, statistic: "Sum" }),
        `A rotation step of the ${target} failed; AWSCURRENT is unchanged. See the function's audit log and ` +
          'docs/deployment.md, "Secret rotation".',
      );
      this.functions.push(fn);
      return fn;
    };

    rotate("TelegramWebhookSecretRotation", "telegram-webhook-secret", secrets.telegramWebhookSecret, (fn) =>
      fn.readSecret(secrets.telegramBotToken, "TELEGRAM_BOT_TOKEN_SECRET_ARN"),
    );
    rotate("ZendeskWebhookSecretRotation", "zendesk-webhook-secret", secrets.zendeskWebhookSecret, (fn) =>
      fn
        .readSecret(secrets.zendeskApiToken, "ZENDESK_API_TOKEN_SECRET_ARN")
        .addEnvironment("ZENDESK_URL", props.zendeskUrl)
        .addEnvironment("ZENDESK_EMAIL", props.zendeskEmail)
        .addEnvironment("ZENDESK_WEBHOOK_ENDPOINT", props.zendeskWebhookEndpoint),
    );
    rotate("ZendeskApiTokenRotation", "zendesk-api-token", secrets.zendeskApiToken, (fn) =>
      fn.addEnvironment("ZENDESK_URL", props.zendeskUrl).addEnvironment("ZENDESK_EMAIL", props.zendeskEmail),
    );

    // The bot token: every six hours a small function publishes the age of its current value (version
    // dates only, no access to the value), and an alarm fires once it is older than the rotation period.
    const ageCheck = new BridgeFunction(this, "BotTokenAgeCheck", {
      ...common,
      name: "secret-age",
      description: "Publishes the age of the Telegram bot token, which is rotated by hand",
      memorySize: 128,
      timeout: Duration.seconds(10),
    }).addEnvironment("WATCHED_SECRET_ARN", secrets.telegramBotToken.secretArn);
    ageCheck.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["secretsmanager:ListSecretVersionIds"],
        resources: [secrets.telegramBotToken.secretArn],
      }),
    );
    new events.Rule(this, "BotTokenAgeSchedule", {
      description: "Telegram bot token age check",
      schedule: events.Schedule.rate(Duration.hours(6)),
      targets: [new targets.LambdaFunction(ageCheck.function, { retryAttempts: 2 })],
    });
    this.ageAlarm = props.alerts.alarmAbove(
      "BotTokenAgeAlarm",
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: SECRET_AGE_METRIC.metricName,
        dimensionsMap: { service: SECRET_AGE_METRIC.service },
        statistic: "Maximum",
        period: Duration.days(1),
      }),
      props.rotationDays,
      `The Telegram bot token is older than ${props.rotationDays} days: rotate it by hand (README, "Rotating the bot token").`,
    );
    props.alerts.alarmAboveZero(
      "BotTokenAgeCheckErrorsAlarm",
      ageCheck.function.metricErrors({ period: Duration.hours(6), statistic: "Sum" }),
      "The bot token age check failed, so the age alarm cannot fire; see its logs.",
    );
  }
}
