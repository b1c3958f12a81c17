import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { EventBridgePublisher } from "../adapters/aws/eventbridge-publisher.js";
import { secretValue } from "../adapters/aws/secrets.js";
import { createDocumentClient } from "../adapters/dynamodb/client.js";
import { DynamoCustomerData } from "../adapters/dynamodb/customer-data.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoIntakeStore } from "../adapters/dynamodb/intake-store.js";
import { audit } from "../adapters/observability/audit.js";
import { count, createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { createIntakeBot } from "../adapters/telegram/create-bot.js";
import { telegramWebhookEndpoint } from "../adapters/telegram/webhook-endpoint.js";
import { loadAwsConfig } from "../config/aws-config.js";
import { CONVERSATION_RETENTION_SECONDS, PUBLIC_BOT_API_ROOT } from "../config/constants.js";
import { intakePolicy } from "../config/intake-form.js";
import { systemClock } from "../ports/clock.js";
import { randomId } from "./ids.js";
import { lazy } from "./lazy.js";

/** The intake function's object graph, built once per container. Secrets are fetched on first use. */
export function createIntakeApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("intake", env);
  const telemetry = createTelemetry("intake");
  const { logger, tracer } = telemetry;
  const db = createDocumentClient({}, (client) => tracer.captureAWSv3Client(client));
  const store = new DynamoIntakeStore(
    db,
    {
      tableName: config.TABLE_NAME,
      formTtlSeconds: intakePolicy.formTtlSeconds,
      retentionSeconds: CONVERSATION_RETENTION_SECONDS,
    },
    systemClock,
  );
  const publisher = new EventBridgePublisher(
    tracer.captureAWSv3Client(new EventBridgeClient({})),
    config.EVENT_BUS_NAME,
  );
  const intakeBot = lazy(async () =>
    createIntakeBot(
      { token: await secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN), apiRoot: PUBLIC_BOT_API_ROOT },
      {
        store,
        publisher,
        clock: systemClock,
        policy: intakePolicy,
        newId: randomId,
        customerData: new DynamoCustomerData(db, config.TABLE_NAME),
        ledger: new DynamoDeliveryLedger(db, config.TABLE_NAME, systemClock),
        onErased: (report) => audit(logger, "customer-forgotten", { ...report }),
      },
      {
        onRefused: (error) =>
          logger.warn("telegram refused a call; update dropped", {
            method: error.method,
            code: error.error_code,
          }),
      },
    ),
  );
  const endpoint = telegramWebhookEndpoint({
    acceptedSecrets: async () => [await secretValue(config.TELEGRAM_WEBHOOK_SECRET_ARN)],
    process: async (update) => {
      logger.appendKeys({ updateId: update.update_id });
      const outcome = await (await intakeBot()).handle(update);
      count(telemetry, outcome === "duplicate" ? "DuplicateUpdates" : "UpdatesProcessed");
      return outcome;
    },
    onRejected: (reason) => {
      count(telemetry, "RejectedWebhookCalls");
      audit(logger, "webhook-rejected", { webhook: "telegram", reason });
    },
  });
  return { endpoint, telemetry };
}
