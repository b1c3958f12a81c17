import { secretValue } from "../adapters/aws/secrets.js";
import { createDocumentClient } from "../adapters/dynamodb/client.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { createLogger } from "../adapters/observability/logger.js";
import { createTelegramApi } from "../adapters/telegram/create-bot.js";
import { renderAgentReply } from "../adapters/zendesk/render-agent-reply.js";
import { zendeskWebhookEndpoint } from "../adapters/zendesk/webhook-endpoint.js";
import { loadAwsConfig } from "../config/aws-config.js";
import type { CustomerMessageReceived, IntakeSubmitted } from "../domain/events.js";
import type { DeliveryOutcome } from "../domain/process-once.js";
import { systemClock } from "../ports/clock.js";
import { conversation } from "./conversation.js";
import { slaComponents } from "./sla.js";
import { ticketCreation } from "./ticket-creation.js";

const PUBLIC_BOT_API_ROOT = "https://api.telegram.org";

/** The routing function's object graph, built once per container; secrets are fetched on first use. */
export function createRoutingApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("routing", env);
  const logger = createLogger("routing");
  const db = createDocumentClient();
  const zendeskApi = async () => ({
    url: config.ZENDESK_URL,
    email: config.ZENDESK_EMAIL,
    apiToken: await secretValue(config.ZENDESK_API_TOKEN_SECRET_ARN),
  });
  let sla: Promise<ReturnType<typeof slaComponents>> | undefined;
  const slaFor = () => {
    sla ??= zendeskApi().then((zendesk) =>
      slaComponents({ db, tableName: config.TABLE_NAME, clock: systemClock, zendesk }),
    );
    sla.catch(() => {
      sla = undefined;
    });
    return sla;
  };
  let talk: Promise<ReturnType<typeof conversation>> | undefined;
  const talkFor = () => {
    talk ??= Promise.all([zendeskApi(), secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN)]).then(
      ([zendesk, botToken]) =>
        conversation({
          db,
          tableName: config.TABLE_NAME,
          clock: systemClock,
          zendesk,
          telegram: {
            api: createTelegramApi({ token: botToken, apiRoot: PUBLIC_BOT_API_ROOT }),
            fileUrl: (path) => `${PUBLIC_BOT_API_ROOT}/file/bot${botToken}/${path}`,
          },
          render: renderAgentReply,
        }),
    );
    talk.catch(() => {
      talk = undefined;
    });
    return talk;
  };
  let createTicket: Promise<(event: IntakeSubmitted) => Promise<DeliveryOutcome>> | undefined;
  const ticketCreator = () => {
    createTicket ??= Promise.all([
      zendeskApi(),
      secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN),
      slaFor(),
    ]).then(([zendesk, botToken, sla]) =>
      ticketCreation({
        db,
        tableName: config.TABLE_NAME,
        clock: systemClock,
        zendesk,
        startSla: sla.startSla,
        telegram: {
          api: createTelegramApi({ token: botToken, apiRoot: PUBLIC_BOT_API_ROOT }),
          fileUrl: (path) => `${PUBLIC_BOT_API_ROOT}/file/bot${botToken}/${path}`,
        },
        warn: (message, details) => logger.warn(message, details),
      }),
    );
    createTicket.catch(() => {
      createTicket = undefined;
    });
    return createTicket;
  };
  const zendeskWebhook = zendeskWebhookEndpoint({
    acceptedSecrets: async () => [await secretValue(config.ZENDESK_WEBHOOK_SECRET_ARN)],
    ledger: new DynamoDeliveryLedger(db, config.TABLE_NAME, systemClock),
    clock: systemClock,
    handle: async (event) => {
      await (await slaFor()).onZendeskEvent(event);
      await (await talkFor()).onZendeskEvent(event);
    },
    onRejected: (reason) => logger.warn("zendesk webhook rejected", { reason }),
    onFailed: (error, event) =>
      logger.error("zendesk event failed", { eventId: event.id, error: String(error) }),
  });
  return {
    logger,
    zendeskWebhook,
    onIntakeSubmitted: async (event: IntakeSubmitted) => (await ticketCreator())(event),
    onCustomerMessage: async (event: CustomerMessageReceived) => (await talkFor()).onCustomerMessage(event),
  };
}
