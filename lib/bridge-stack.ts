import { Annotations, CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import { Metric } from "aws-cdk-lib/aws-cloudwatch";
import type { Construct } from "constructs";
import { ALARM_PERIODS, Alerts, REJECTED_CALLS_THRESHOLD } from "./constructs/alerts.js";
import { BridgeFunction, METRICS_NAMESPACE } from "./constructs/bridge-function.js";
import { BridgeKey } from "./constructs/bridge-key.js";
import { BridgeSecrets } from "./constructs/bridge-secrets.js";
import { ConversationTable, TABLE_INDEXES } from "./constructs/conversation-table.js";
import { DeadLetterQueue } from "./constructs/dead-letter-queue.js";
import { BridgeEventBus } from "./constructs/event-bus.js";
import { OperationsDashboard } from "./constructs/operations-dashboard.js";
import { SecretRotation } from "./constructs/secret-rotation.js";
import { SlaSchedule } from "./constructs/sla-schedule.js";
import { WEBHOOK_PATHS, WebhookApi } from "./constructs/webhook-api.js";
import type { BridgeContext } from "./context.js";

export interface BridgeStackProps extends StackProps {
  readonly config: BridgeContext;
}

/**
 * Telegram webhook -> intake -> EventBridge -> routing -> Zendesk, Zendesk webhook ->
 * routing -> Telegram, and a one-minute tick for SLA escalations. Composition only; each
 * construct documents its own choices.
 */
export class BridgeStack extends Stack {
  constructor(scope: Construct, id: string, props: BridgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (config.placeholderKeys.length > 0) {
      Annotations.of(this).addWarningV2(
        "@bridge/context:zendeskPlaceholder",
        `Context ${config.placeholderKeys.join(", ")} not set: using placeholder ` +
          `https://${config.zendeskSubdomain}.zendesk.com / ${config.zendeskEmail}. ` +
          "Set them (docs/deployment.md) before deploying.",
      );
    }
    if (config.slack === undefined && config.alarmEmail === undefined) {
      Annotations.of(this).addWarningV2(
        "@bridge/context:noAlertSubscriber",
        "Neither slackWorkspaceId/slackChannelId nor alarmEmail is set: SLA alerts and alarms go to the alert " +
          "topic with no subscriber, and nobody hears of them. Set one (docs/deployment.md), or subscribe to " +
          "the AlertTopicArn output yourself.",
      );
    }
    const zendeskUrl = `https://${config.zendeskSubdomain}.zendesk.com`;

    const { key } = new BridgeKey(this, "Encryption", { alias: `alias/${this.stackName}` });
    const { table } = new ConversationTable(this, "Conversations", { encryptionKey: key });
    const secrets = new BridgeSecrets(this, "Secrets", {
      encryptionKey: key,
      rotationDays: config.secretRotationDays,
    });
    const alerts = new Alerts(this, "Alerts", {
      encryptionKey: key,
      name: this.stackName,
      ...(config.alarmEmail !== undefined ? { alarmEmail: config.alarmEmail } : {}),
      ...(config.slack !== undefined ? { slack: config.slack } : {}),
    });
    const eventBus = new BridgeEventBus(this, "Events");
    const routingDlq = new DeadLetterQueue(this, "RoutingDeadLetters", { encryptionKey: key }).queue;
    const slaDlq = new DeadLetterQueue(this, "SlaTickDeadLetters", { encryptionKey: key }).queue;

    const common = { encryptionKey: key, logRetention: config.logRetention };
    const intake = new BridgeFunction(this, "Intake", {
      ...common,
      name: "intake",
      description: "Telegram webhook: conversation intake, publishes to the bridge bus",
      memorySize: 512,
      timeout: Duration.seconds(10),
    })
      .bindTable(table, [TABLE_INDEXES.byCustomer])
      .allowPutEvents(eventBus.bus)
      .readSecret(secrets.telegramBotToken, "TELEGRAM_BOT_TOKEN_SECRET_ARN")
      .readSecret(secrets.telegramWebhookSecret, "TELEGRAM_WEBHOOK_SECRET_ARN")
      .addEnvironment("WEBHOOK_GRACE_SECONDS", String(config.webhookSecretGraceMinutes * 60))
      // Help Center articles are searched anonymously (public articles only): a URL, no Zendesk credential.
      .addEnvironment("ZENDESK_URL", zendeskUrl);

    const routing = new BridgeFunction(this, "Routing", {
      ...common,
      name: "routing",
      description: "Intake events and Zendesk webhooks: tickets, comments and replies",
      memorySize: 512,
      // Below API Gateway's 29 s: a Zendesk webhook that runs out of time fails in the function, which
      // logs it, rather than in the gateway while the function goes on working.
      timeout: Duration.seconds(28),
    })
      .bindTable(table, [TABLE_INDEXES.byCustomer, TABLE_INDEXES.slaDue])
      .allowPutEvents(eventBus.bus)
      .readSecret(secrets.telegramBotToken, "TELEGRAM_BOT_TOKEN_SECRET_ARN")
      .readSecret(secrets.zendeskApiToken, "ZENDESK_API_TOKEN_SECRET_ARN")
      .readSecret(secrets.zendeskWebhookSecret, "ZENDESK_WEBHOOK_SECRET_ARN")
      .addEnvironment("WEBHOOK_GRACE_SECONDS", String(config.webhookSecretGraceMinutes * 60))
      .addEnvironment("ZENDESK_URL", zendeskUrl)
      .addEnvironment("ZENDESK_EMAIL", config.zendeskEmail)
      // Lambda retries a failed event twice (its maximum), then records it in the DLQ.
      .configureAsyncFailures({ retryAttempts: 2, maxEventAge: Duration.hours(6), failureQueue: routingDlq });

    const slaScanner = new BridgeFunction(this, "SlaScanner", {
      ...common,
      name: "sla-scanner",
      description: "Every minute: escalates requests whose SLA is due, and sends the nudges that fell due",
      memorySize: 256,
      timeout: Duration.seconds(60),
    })
      .bindTable(table, [TABLE_INDEXES.slaDue])
      .allowPublish(alerts.topic)
      // Nudges (an unanswered "which request?", a form left unsent) go to the customer's chat.
      .readSecret(secrets.telegramBotToken, "TELEGRAM_BOT_TOKEN_SECRET_ARN")
      .readSecret(secrets.zendeskApiToken, "ZENDESK_API_TOKEN_SECRET_ARN")
      .addEnvironment("ZENDESK_URL", zendeskUrl)
      .addEnvironment("ZENDESK_EMAIL", config.zendeskEmail)
      // The next tick rescans the same buckets, so a failed tick is not retried.
      .configureAsyncFailures({ retryAttempts: 0, maxEventAge: Duration.minutes(2) });

    eventBus.routeIntakeEvents(routing.function, routingDlq);
    new SlaSchedule(this, "SlaSchedule", { target: slaScanner.function, deadLetterQueue: slaDlq });

    const webhooks = new WebhookApi(this, "Webhooks", {
      name: this.stackName,
      encryptionKey: key,
      logRetention: config.logRetention,
      telegramHandler: intake.function,
      zendeskHandler: routing.function,
      telegramAllowedCidrs: config.telegramAllowedCidrs,
      zendeskAllowedCidrs: config.zendeskAllowedCidrs,
      throttleRateLimit: config.apiThrottleRateLimit,
      throttleBurstLimit: config.apiThrottleBurstLimit,
    });

    new SecretRotation(this, "SecretRotation", {
      secrets,
      rotationDays: config.secretRotationDays,
      encryptionKey: key,
      logRetention: config.logRetention,
      zendeskUrl,
      zendeskEmail: config.zendeskEmail,
      zendeskWebhookEndpoint: webhooks.urlFor(WEBHOOK_PATHS.zendesk),
      alerts,
    });

    for (const [id, queue, what] of [
      [
        "RoutingDeadLettersAlarm",
        routingDlq,
        "intake events the routing function could not process; inspect and replay them (npm run dlq:replay, docs/deployment.md)",
      ],
      [
        "SlaTickDeadLettersAlarm",
        slaDlq,
        "SLA scanner ticks EventBridge could not deliver; nothing to replay (the next tick rescans): find why, then purge it (docs/deployment.md)",
      ],
    ] as const) {
      alerts.alarmAboveZero(
        id,
        queue.metricApproximateNumberOfMessagesVisible({
          period: ALARM_PERIODS.queueDepth,
          statistic: "Maximum",
        }),
        `Dead-letter queue holds ${what}.`,
      );
    }
    for (const [id, fn] of [
      ["IntakeErrorsAlarm", intake],
      ["RoutingErrorsAlarm", routing],
      ["SlaScannerErrorsAlarm", slaScanner],
    ] as const) {
      alerts.alarmAboveZero(
        id,
        fn.function.metricErrors({ period: ALARM_PERIODS.errors, statistic: "Sum" }),
        `The ${fn.node.id} function failed at least once in five minutes.`,
      );
    }
    // A disabled schedule, throttled ticks or ticks dropped by Lambda's async queue raise no error:
    // without this, SLA escalations could stop with nothing to show for it.
    alerts.alarmWhenStopped(
      "SlaScannerStoppedAlarm",
      slaScanner.function.metricInvocations({ period: ALARM_PERIODS.errors, statistic: "Sum" }),
      "The SLA scanner did not run for five minutes: no SLA escalations or alerts go out. Check the " +
        "SlaSchedule rule, the function's throttles and the SLA tick dead-letter queue.",
    );
    // A wrong or half-rotated webhook secret answers every delivery 401: nothing fails, and nothing arrives.
    // A stray scanner's few probes stay under the threshold.
    for (const [id, service, vendor] of [
      ["TelegramWebhookRejectedAlarm", "intake", "Telegram"],
      ["ZendeskWebhookRejectedAlarm", "routing", "Zendesk"],
    ] as const) {
      alerts.alarmAbove(
        id,
        new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: "RejectedWebhookCalls",
          dimensionsMap: { service },
          period: ALARM_PERIODS.rejectedCalls,
          statistic: "Sum",
        }),
        REJECTED_CALLS_THRESHOLD,
        `The ${service} function refused more than ${REJECTED_CALLS_THRESHOLD} ${vendor} webhook calls in ` +
          `15 minutes (bad secret token or signature): ${vendor}'s deliveries are not getting through. Check the ` +
          "webhook secret and its rotation (docs/deployment.md), and the audit log's webhook-rejected lines.",
      );
    }
    alerts.alarmAboveZero(
      "ApiServerErrorsAlarm",
      webhooks.api.metricServerError({ period: ALARM_PERIODS.errors, statistic: "Sum" }),
      "The webhook API returned 5XX responses; Telegram and Zendesk will redeliver.",
    );

    const { dashboard } = new OperationsDashboard(this, "Operations", {
      dashboardName: `${this.stackName}-operations`,
      namespace: METRICS_NAMESPACE,
      scannerService: "sla-scanner",
      functions: [
        { label: "intake", fn: intake.function },
        { label: "routing", fn: routing.function },
        { label: "sla-scanner", fn: slaScanner.function },
      ],
      deadLetterQueues: [
        { label: "routing", queue: routingDlq },
        { label: "SLA tick", queue: slaDlq },
      ],
      api: webhooks.api,
    });

    const outputs: Record<string, [string, string]> = {
      ApiUrl: [webhooks.api.url, "Base URL of the webhook API stage"],
      TelegramWebhookUrl: [webhooks.urlFor(WEBHOOK_PATHS.telegram), "url for Telegram setWebhook"],
      ZendeskWebhookUrl: [webhooks.urlFor(WEBHOOK_PATHS.zendesk), "endpoint for the Zendesk webhook"],
      IntakeFunctionName: [intake.function.functionName, "Telegram webhook function (reads the bot token)"],
      RoutingFunctionName: [
        routing.function.functionName,
        "Routing function (reads the bot token and the Zendesk credentials)",
      ],
      TableName: [table.tableName, "Conversation table"],
      EventBusName: [eventBus.bus.eventBusName, "Bridge event bus"],
      RoutingDeadLetterQueueUrl: [
        routingDlq.queueUrl,
        "Failed intake events; npm run dlq:replay re-drives them",
      ],
      SlaTickDeadLetterQueueUrl: [
        slaDlq.queueUrl,
        "SLA ticks EventBridge could not deliver; nothing to replay (the next tick rescans), purge once checked",
      ],
      AlertTopicArn: [alerts.topic.topicArn, "Alert topic (alarms and SLA escalations)"],
      DashboardName: [dashboard.dashboardName, "CloudWatch dashboard: SLA, dead letters, functions, API"],
      TelegramBotTokenSecretArn: [secrets.telegramBotToken.secretArn, "Put the @BotFather token here"],
      TelegramWebhookSecretArn: [
        secrets.telegramWebhookSecret.secretArn,
        "Generated secret_token for setWebhook",
      ],
      ZendeskApiTokenSecretArn: [secrets.zendeskApiToken.secretArn, "Put the Zendesk API token here"],
      ZendeskWebhookSecretArn: [
        secrets.zendeskWebhookSecret.secretArn,
        "Put the Zendesk webhook signing secret here",
      ],
    };
    for (const [id, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value, description });
    }
  }
}
