const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;

/**
 * What the functions' environment holds on Lambda, with made-up values: enough for every function's config
 * module to parse at import, with no credentials, so nothing can reach AWS. For benchmarks, bundle
 * measurements and the handler wiring test.
 */
export const MADE_UP_FUNCTION_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: "eu-west-1",
  BRIDGE_RUNTIME: "aws",
  TABLE_NAME: "bridge",
  EVENT_BUS_NAME: "bridge-bus",
  ALERT_TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:alerts",
  ZENDESK_URL: "https://example.zendesk.com",
  ZENDESK_EMAIL: "bridge@example.com",
  TELEGRAM_BOT_TOKEN_SECRET_ARN: arn("telegram-bot-token"),
  TELEGRAM_WEBHOOK_SECRET_ARN: arn("telegram-webhook-secret"),
  ZENDESK_API_TOKEN_SECRET_ARN: arn("zendesk-api-token"),
  ZENDESK_WEBHOOK_SECRET_ARN: arn("zendesk-webhook-secret"),
  POWERTOOLS_METRICS_NAMESPACE: "TelegramZendeskBridge",
  POWERTOOLS_LOG_LEVEL: "INFO",
  // Lambda runs Node 24, where the SDK prints no end-of-support notice; Node 20 would print one per load.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};
