import { secretValue } from "../adapters/aws/secrets.js";
import { createDocumentClient } from "../adapters/dynamodb/client.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { audit } from "../adapters/observability/audit.js";
import { count, createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { safeError } from "../adapters/observability/safe-error.js";
import { createTelegramApi } from "../adapters/telegram/create-bot.js";
import { renderAgentReply } from "../adapters/zendesk/render-agent-reply.js";
import { zendeskWebhookEndpoint } from "../adapters/zendesk/webhook-endpoint.js";
import { loadAwsConfig } from "../config/aws-config.js";
import { PUBLIC_BOT_API_ROOT } from "../config/constants.js";
import type { CustomerMessageReceived, IntakeSubmitted } from "../domain/events.js";
import { systemClock } from "../ports/clock.js";
import { conversation } from "./conversation.js";
import { lazy } from "./lazy.js";
import { slaComponents } from "./sla.js";
import { ticketCreation } from "./ticket-creation.js";

/** The routing function's object graph, built once per container; secrets are fetched on first use. */
export function createRoutingApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("routing", env);
  const telemetry = createTelemetry("routing");
  const { logger, tracer } = telemetry;
  const db = createDocumentClient({}, (client) => tracer.captureAWSv3Client(client));
  const zendeskApi = async () => ({
    url: config.ZENDESK_URL,
    email: config.ZENDESK_EMAIL,
    apiToken: await secretValue(config.ZENDESK_API_TOKEN_SECRET_ARN),
  });
  const telegram = lazy(async () => {
    const botToken = await secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN);
    return {
      api: createTelegramApi({ token: botToken, apiRoot: PUBLIC_BOT_API_ROOT }),
      fileUrl: (path: string) => `${PUBLIC_BOT_API_ROOT}/file/bot${botToken}/${path}`,
    };
  });
  const slaFor = lazy(async () =>
    slaComponents({ db, tableName: config.TABLE_NAME, clock: systemClock, zendesk: await zendeskApi() }),
  );
  const talkFor = lazy(async () =>
    conversation({
      db,
      tableName: config.TABLE_NAME,
      clock: systemClock,
      zendesk: await zendeskApi(),
      telegram: await telegram(),
      render: renderAgentReply,
    }),
  );
  const ticketCreator = lazy(async () =>
    ticketCreation({
      db,
      tableName: config.TABLE_NAME,
      clock: systemClock,
      zendesk: await zendeskApi(),
      startSla: (await slaFor()).startSla,
      telegram: await telegram(),
      warn: (message, details) => logger.warn(message, details),
    }),
  );
  const zendeskWebhook = zendeskWebhookEndpoint({
    acceptedSecrets: async () => [await secretValue(config.ZENDESK_WEBHOOK_SECRET_ARN)],
    ledger: new DynamoDeliveryLedger(db, config.TABLE_NAME, systemClock),
    clock: systemClock,
    handle: async (event) => {
      await (await slaFor()).onZendeskEvent(event);
      await (await talkFor()).onZendeskEvent(event);
    },
    onRejected: (reason) => {
      count(telemetry, "RejectedWebhookCalls");
      audit(logger, "webhook-rejected", { webhook: "zendesk", reason });
    },
    onFailed: (error, event) =>
      logger.error("zendesk event failed", { eventId: event.id, error: safeError(error) }),
  });
  return {
    telemetry,
    zendeskWebhook,
    onIntakeSubmitted: async (event: IntakeSubmitted) => (await ticketCreator())(event),
    onCustomerMessage: async (event: CustomerMessageReceived) => (await talkFor()).onCustomerMessage(event),
  };
}
