import { Tracer } from "@aws-lambda-powertools/tracer";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { secretValue } from "../adapters/aws/secrets.js";
import { WebhookSecrets } from "../adapters/aws/webhook-secrets.js";
import { createDocumentClient } from "../adapters/dynamodb/client.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { audit } from "../adapters/observability/audit.js";
import { count, createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { safeError } from "../adapters/observability/safe-error.js";
import { PowertoolsSlaMetrics } from "../adapters/observability/sla-metrics.js";
import { createTelegramApi } from "../adapters/telegram/create-bot.js";
import { renderAgentReply } from "../adapters/zendesk/render-agent-reply.js";
import { zendeskWebhookEndpoint } from "../adapters/zendesk/webhook-endpoint.js";
import { loadAwsConfig } from "../config/aws-config.js";
import { PUBLIC_BOT_API_ROOT } from "../config/constants.js";
import type { CustomerMessageReceived, IntakeSubmitted, TicketFeedbackGiven } from "../domain/events.js";
import { lazy } from "../lazy.js";
import { systemClock } from "../ports/clock.js";
import { agentCorrections } from "./agent-corrections.js";
import { conversation } from "./conversation.js";
import { slaComponents } from "./sla.js";
import { ticketCreation } from "./ticket-creation.js";
import { apiTokenFromSecret } from "./zendesk-api-token.js";

/**
 * The routing function's object graph, built once per container; secrets are fetched on first use. The
 * Zendesk API token and signing secrets are re-read through their caches, so rotations need no deploy.
 */
export function createRoutingApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("routing", env);
  const tracer = new Tracer({ serviceName: "routing" });
  const telemetry = createTelemetry("routing", tracer);
  const { logger } = telemetry;
  const db = createDocumentClient({}, (client) => tracer.captureAWSv3Client(client));
  const zendeskApi = async () => ({
    url: config.ZENDESK_URL,
    email: config.ZENDESK_EMAIL,
    apiToken: apiTokenFromSecret(config.ZENDESK_API_TOKEN_SECRET_ARN),
  });
  const signingSecrets = new WebhookSecrets({
    client: tracer.captureAWSv3Client(new SecretsManagerClient({})),
    secretId: config.ZENDESK_WEBHOOK_SECRET_ARN,
    clock: systemClock,
    graceSeconds: config.WEBHOOK_GRACE_SECONDS,
  });
  const telegram = lazy(async () => {
    const botToken = await secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN);
    return {
      api: createTelegramApi({ token: botToken, apiRoot: PUBLIC_BOT_API_ROOT }),
      fileUrl: (path: string) => `${PUBLIC_BOT_API_ROOT}/file/bot${botToken}/${path}`,
    };
  });
  const slaFor = lazy(async () =>
    slaComponents({
      db,
      tableName: config.TABLE_NAME,
      clock: systemClock,
      zendesk: await zendeskApi(),
      metrics: new PowertoolsSlaMetrics(telemetry),
    }),
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
  const correctionsFor = lazy(async () =>
    agentCorrections({
      db,
      tableName: config.TABLE_NAME,
      clock: systemClock,
      zendesk: await zendeskApi(),
      onRecorded: (outcome, ticketId) => logger.info("group change", { outcome, ticketId }),
    }),
  );
  const zendeskWebhook = zendeskWebhookEndpoint({
    acceptedSecrets: () => signingSecrets.accepted(),
    refreshedSecrets: () => signingSecrets.refreshed(),
    ledger: new DynamoDeliveryLedger(db, config.TABLE_NAME, systemClock),
    clock: systemClock,
    handle: async (event) => {
      await (await slaFor()).onZendeskEvent(event);
      await (await talkFor()).onZendeskEvent(event);
      await (await correctionsFor()).onZendeskEvent(event);
    },
    onRejected: (reason) => {
      count(telemetry, "RejectedWebhookCalls");
      audit(logger, "webhook-rejected", { webhook: "zendesk", reason });
    },
    onFailed: (error, event) =>
      logger.error("zendesk event failed", { eventId: event.id, error: safeError(error) }),
  });
  const onCustomerMessage = async (event: CustomerMessageReceived) => {
    const outcome = await (await talkFor()).onCustomerMessage(event);
    await (await slaFor()).onCustomerMessage(event);
    return outcome;
  };
  return {
    telemetry,
    zendeskWebhook,
    onIntakeSubmitted: async (event: IntakeSubmitted) => {
      const outcome = await (await ticketCreator())(event);
      // Also after a duplicate: the first delivery may have failed between the ticket and these messages.
      for (const message of await (await talkFor()).messagesWaitingFor(event.requestId))
        await onCustomerMessage(message);
      return outcome;
    },
    onCustomerMessage,
    onTicketFeedback: async (event: TicketFeedbackGiven) => (await talkFor()).onTicketFeedback(event),
  };
}
