import { Tracer } from "@aws-lambda-powertools/tracer";
import { SNSClient } from "@aws-sdk/client-sns";
import { SnsAlerts } from "../adapters/alerts/sns-alerts.js";
import { secretValue } from "../adapters/aws/secrets.js";
import { createDocumentClient } from "../adapters/dynamodb/client.js";
import { createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { PowertoolsSlaMetrics } from "../adapters/observability/sla-metrics.js";
import { createTelegramApi } from "../adapters/telegram/create-bot.js";
import { loadAwsConfig } from "../config/aws-config.js";
import { PUBLIC_BOT_API_ROOT } from "../config/constants.js";
import { lazy } from "../lazy.js";
import { systemClock } from "../ports/clock.js";
import { nudgeSender } from "./nudges.js";
import { slaComponents, ticketUrl } from "./sla.js";
import { apiTokenFromSecret } from "./zendesk-api-token.js";

/** The scanner's object graph, built once per container. */
export function createSlaScannerApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("sla-scanner", env);
  const tracer = new Tracer({ serviceName: "sla-scanner" });
  const telemetry = createTelemetry("sla-scanner", tracer);
  const { logger } = telemetry;
  const db = createDocumentClient({}, (client) => tracer.captureAWSv3Client(client));
  const alerts = new SnsAlerts(
    tracer.captureAWSv3Client(new SNSClient({})),
    config.ALERT_TOPIC_ARN,
    ticketUrl(config.ZENDESK_URL),
  );
  const components = lazy(async () =>
    slaComponents({
      db,
      tableName: config.TABLE_NAME,
      clock: systemClock,
      metrics: new PowertoolsSlaMetrics(telemetry),
      zendesk: {
        url: config.ZENDESK_URL,
        email: config.ZENDESK_EMAIL,
        apiToken: apiTokenFromSecret(config.ZENDESK_API_TOKEN_SECRET_ARN),
      },
      logger,
    }),
  );
  const nudges = lazy(async () => {
    const botToken = await secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN);
    return nudgeSender({
      db,
      tableName: config.TABLE_NAME,
      clock: systemClock,
      telegram: {
        api: createTelegramApi({ token: botToken, apiRoot: PUBLIC_BOT_API_ROOT }),
        fileUrl: (path: string) => `${PUBLIC_BOT_API_ROOT}/file/bot${botToken}/${path}`,
      },
      logger,
    });
  });
  return {
    telemetry,
    scan: async () => (await components()).scan(alerts),
    nudge: async () => (await nudges())(),
  };
}
