import type { Server } from "node:http";
import type { Logger } from "@aws-lambda-powertools/logger";
import { InProcessBus } from "../adapters/bus/in-process-bus.js";
import { createDocumentClient, localDynamoConfig } from "../adapters/dynamodb/client.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoIntakeStore } from "../adapters/dynamodb/intake-store.js";
import { createLogger } from "../adapters/observability/logger.js";
import { createIntakeBot } from "../adapters/telegram/create-bot.js";
import { telegramWebhookEndpoint } from "../adapters/telegram/webhook-endpoint.js";
import { zendeskWebhookEndpoint } from "../adapters/zendesk/webhook-endpoint.js";
import { intakePolicy } from "../config/intake-form.js";
import type { LocalConfig } from "../config/local-config.js";
import { AdjustableClock } from "../local/adjustable-clock.js";
import { startEmbeddedDynamo } from "../local/embedded-dynamodb.js";
import { createLocalServer, listen } from "../local/server.js";
import { startTelegramSide, type TelegramSideHandle } from "../local/telegram-side.js";
import { startZendeskSide, type ZendeskSideHandle } from "../local/zendesk-side.js";
import { randomId } from "./ids.js";
import { ticketCreation } from "./ticket-creation.js";

const RETENTION_SECONDS = 90 * 24 * 3600;

export interface LocalStackOptions {
  /** Defaults to real time; tests pass their own. */
  clock?: AdjustableClock;
  logger?: Logger;
  /** Delay before bus retry n; EventBridge backs off over minutes, the local default over seconds. */
  busRetryDelayMs?: (attempt: number) => number;
}

export interface LocalStack {
  readonly url: string;
  readonly clock: AdjustableClock;
  readonly bus: InProcessBus;
  readonly telegram: TelegramSideHandle;
  readonly zendesk: ZendeskSideHandle;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * The whole product on one machine: the same domain, adapters and HTTP routes as on AWS, with embedded
 * DynamoDB, an in-process bus and timer, and the built-in emulators for any side without an account.
 */
export async function startLocalStack(
  config: LocalConfig,
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const clock = options.clock ?? new AdjustableClock();
  const logger = options.logger ?? createLogger("local-stack");
  const closers: Array<() => Promise<unknown>> = [];
  try {
    const dynamo = await startEmbeddedDynamo(config.dataDir);
    closers.push(() => dynamo.close());
    const db = createDocumentClient(localDynamoConfig(dynamo.endpoint));
    closers.push(async () => db.destroy());
    const ledger = new DynamoDeliveryLedger(db, dynamo.tableName, clock);
    const store = new DynamoIntakeStore(
      db,
      {
        tableName: dynamo.tableName,
        formTtlSeconds: intakePolicy.formTtlSeconds,
        retentionSeconds: RETENTION_SECONDS,
      },
      clock,
    );
    const bus = new InProcessBus({
      retryAttempts: 8,
      retryDelayMs: options.busRetryDelayMs ?? ((attempt) => Math.min(1000 * 2 ** (attempt - 1), 30_000)),
      onDeadLetter: (letter) =>
        logger.error("event dead-lettered", { type: letter.event.type, error: letter.error }),
    });
    closers.push(() => bus.drain());

    const zendesk = await startZendeskSide(config.zendesk, clock);
    closers.push(() => zendesk.close());
    const telegram = await startTelegramSide(config.telegram, clock);
    closers.push(() => telegram.close());

    const intakeBot = createIntakeBot(
      telegram.client,
      {
        store,
        publisher: bus,
        clock,
        policy: intakePolicy,
        newId: randomId,
      },
      {
        onRefused: (error) =>
          logger.warn("telegram refused a call; update dropped", {
            method: error.method,
            code: error.error_code,
          }),
      },
    );
    const processUpdate = intakeBot.handle;
    const createTicket = ticketCreation({
      db,
      tableName: dynamo.tableName,
      clock,
      zendesk: zendesk.api,
      telegram: {
        api: intakeBot.bot.api,
        fileUrl: (path) => `${telegram.client.apiRoot}/file/bot${telegram.client.token}/${path}`,
      },
      warn: (message, details) => logger.warn(message, details),
    });
    bus.subscribe("IntakeSubmitted", async (event) => {
      if (event.type === "IntakeSubmitted") await createTicket(event);
    });
    const server = createLocalServer({
      logger,
      clock,
      telegramWebhook: telegramWebhookEndpoint({
        acceptedSecrets: async () => (config.telegram.webhookSecret ? [config.telegram.webhookSecret] : []),
        process: processUpdate,
        onRejected: (reason) => logger.warn("telegram webhook rejected", { reason }),
      }),
      zendeskWebhook: zendeskWebhookEndpoint({
        acceptedSecrets: zendesk.acceptedWebhookSecrets,
        ledger,
        clock,
        handle: async (event) =>
          logger.info("zendesk event received", { eventId: event.id, type: event.type }),
        onRejected: (reason) => logger.warn("zendesk webhook rejected", { reason }),
      }),
      info: () => ({ telegram: telegram.describe(), zendesk: zendesk.describe() }),
    });
    const url = await listen(server, config.port);
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await zendesk.connect(`${url}/zendesk/webhook`);
    await telegram.connect({
      webhookUrl: `${url}/telegram/webhook`,
      webhookSecret: config.telegram.webhookSecret,
      bot: intakeBot.bot,
      processUpdate,
      logger,
    });
    return {
      url,
      clock,
      bus,
      telegram,
      zendesk,
      server,
      close: async () => {
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
