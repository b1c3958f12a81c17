import type { Server } from "node:http";
import { join } from "node:path";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Api } from "grammy";
import { LogAlerts } from "../adapters/alerts/log-alerts.js";
import { SlackWebhookAlerts } from "../adapters/alerts/slack-webhook-alerts.js";
import { InProcessBus } from "../adapters/bus/in-process-bus.js";
import { InProcessDeadLetters } from "../adapters/bus/in-process-dead-letters.js";
import { createDocumentClient, localDynamoConfig } from "../adapters/dynamodb/client.js";
import { DynamoCustomerData } from "../adapters/dynamodb/customer-data.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoHeldMessages } from "../adapters/dynamodb/held-messages.js";
import { DynamoIntakeStore } from "../adapters/dynamodb/intake-store.js";
import { DynamoTopicLinks } from "../adapters/dynamodb/topic-links.js";
import { audit } from "../adapters/observability/audit.js";
import { createLogger } from "../adapters/observability/logger.js";
import { rememberSecret } from "../adapters/observability/redact.js";
import { safeError } from "../adapters/observability/safe-error.js";
import { realScheduler, type Scheduler } from "../adapters/telegram/chat-pacing.js";
import { createIntakeBot, identityFor } from "../adapters/telegram/create-bot.js";
import { telegramWebhookEndpoint } from "../adapters/telegram/webhook-endpoint.js";
import { renderAgentReply } from "../adapters/zendesk/render-agent-reply.js";
import { zendeskWebhookEndpoint } from "../adapters/zendesk/webhook-endpoint.js";
import type { TransportSettings } from "../adapters/zendesk/zendesk-transport.js";
import { CONVERSATION_RETENTION_SECONDS, HOLD_TIMES } from "../config/constants.js";
import { intakePolicy } from "../config/intake-form.js";
import type { LocalConfig } from "../config/local-config.js";
import type { CustomerMessageReceived } from "../domain/events.js";
import { replayDeadLetters } from "../domain/operations/replay-dead-letters.js";
import type { ScanReport } from "../domain/sla/scan.js";
import { AdjustableClock } from "../local/adjustable-clock.js";
import { startEmbeddedDynamo } from "../local/embedded-dynamodb.js";
import type { ArticleSeed } from "../local/emulators/zendesk/index.js";
import { createLocalServer, listen } from "../local/server.js";
import { startTelegramSide, type TelegramSideHandle } from "../local/telegram-side.js";
import { startZendeskSide, type ZendeskSideHandle } from "../local/zendesk-side.js";
import { agentCorrections } from "./agent-corrections.js";
import { keptBotIdentity } from "./bot-identity.js";
import { conversation } from "./conversation.js";
import { randomId } from "./ids.js";
import { knowledgeBaseDeps } from "./knowledge-base.js";
import { nudgeSender } from "./nudges.js";
import { slaComponents, ticketUrl } from "./sla.js";
import { ticketCreation } from "./ticket-creation.js";

export interface LocalStackOptions {
  /** Defaults to real time; tests pass their own. */
  clock?: AdjustableClock;
  logger?: Logger;
  /** Delay before bus retry n; EventBridge backs off over minutes, the local default over seconds. */
  busRetryDelayMs?: (attempt: number) => number;
  /** How the bot waits between messages to one chat; real time by default, tests move the clock instead. */
  pacingScheduler?: Scheduler;
  /** How ticket creation calls Zendesk (timeout, in-place 429 waits, the sleep); benchmarks scale its time. */
  zendeskTransport?: TransportSettings;
  /** Sees the DynamoDB client and the bot's Bot API client before the stack serves; benchmarks count calls here. */
  instrument?: (clients: { readonly db: DynamoDBDocumentClient; readonly telegramApi: Api }) => void;
  /** The Zendesk emulator's Help Center articles; its demo articles in English and Russian by default. */
  helpCenterArticles?: readonly ArticleSeed[];
}

/** The local bus's backoff: 1 s, doubling, at most 30 s (EventBridge backs off over minutes). */
export const localBusRetryDelayMs = (attempt: number): number => Math.min(1000 * 2 ** (attempt - 1), 30_000);

export interface LocalStack {
  readonly url: string;
  readonly clock: AdjustableClock;
  readonly bus: InProcessBus;
  readonly telegram: TelegramSideHandle;
  readonly zendesk: ZendeskSideHandle;
  readonly server: Server;
  /** The embedded table and a client for it, for tools and tests that inspect what is stored. */
  readonly table: { readonly db: DynamoDBDocumentClient; readonly name: string };
  /** Runs the scanner once at the clock's current time: the SLA scan, then the nudges that fell due. */
  runScanner(): Promise<ScanReport>;
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
        formReminderSeconds: intakePolicy.formReminderSeconds,
        retentionSeconds: CONVERSATION_RETENTION_SECONDS,
      },
      clock,
    );
    const bus = new InProcessBus({
      retryAttempts: 8,
      retryDelayMs: options.busRetryDelayMs ?? localBusRetryDelayMs,
      onDeadLetter: (letter) =>
        logger.error("event dead-lettered", { type: letter.event.type, error: letter.error }),
    });
    closers.push(() => bus.drain());

    const zendesk = await startZendeskSide(config.zendesk, clock, {
      articles: options.helpCenterArticles,
      // Kept beside the table, so the local account and the table's links to it survive a restart together.
      stateFile: join(config.dataDir, "zendesk-emulator.json"),
    });
    closers.push(() => zendesk.close());
    const telegram = await startTelegramSide(config.telegram, clock);
    closers.push(() => telegram.close());
    const zendeskToken = zendesk.api.apiToken;
    for (const secret of [telegram.client.token, config.telegram.webhookSecret, zendeskToken]) {
      if (typeof secret === "string") rememberSecret(secret);
    }

    const identity = keptBotIdentity(db, dynamo.tableName, clock, logger);
    const intakeBot = createIntakeBot(
      {
        ...telegram.client,
        botInfo: identityFor(telegram.client.token, await identity.read()),
        pacing: { clock, scheduler: options.pacingScheduler ?? realScheduler },
      },
      {
        store,
        publisher: bus,
        clock,
        policy: intakePolicy,
        newId: randomId,
        ...knowledgeBaseDeps({ zendeskUrl: zendesk.api.url, logger }),
        held: new DynamoHeldMessages(db, dynamo.tableName, HOLD_TIMES, clock),
        topics: new DynamoTopicLinks(db, dynamo.tableName, CONVERSATION_RETENTION_SECONDS, clock),
        customerData: new DynamoCustomerData(db, dynamo.tableName, clock),
        ledger,
        onErased: (report) => audit(logger, "customer-forgotten", { ...report }),
      },
      {
        onRefused: (error) =>
          logger.warn("telegram refused a call; update dropped", {
            method: error.method,
            code: error.error_code,
          }),
        onIdentityLearned: identity.onIdentityLearned,
      },
    );
    options.instrument?.({ db, telegramApi: intakeBot.bot.api });
    const processUpdate = intakeBot.handle;
    const sla = slaComponents({
      db,
      tableName: dynamo.tableName,
      clock,
      zendesk: zendesk.api,
      logger,
    });
    const alerts = config.slackWebhookUrl
      ? new SlackWebhookAlerts(config.slackWebhookUrl, ticketUrl(zendesk.api.url))
      : new LogAlerts(logger);
    const telegramApi = {
      api: intakeBot.bot.api,
      fileUrl: (path: string) => `${telegram.client.apiRoot}/file/bot${telegram.client.token}/${path}`,
    };
    const sendNudges = nudgeSender({ db, tableName: dynamo.tableName, clock, telegram: telegramApi, logger });
    const runScanner = async () => {
      const report = await sla.scan(alerts);
      if (report.read > 0) logger.info("sla scan", { ...report });
      const nudged = await sendNudges();
      if (nudged.sent + nudged.failed > 0) logger.info("nudges", { ...nudged });
      return report;
    };
    const createTicket = ticketCreation({
      startSla: sla.startSla,
      db,
      tableName: dynamo.tableName,
      clock,
      zendesk: zendesk.api,
      ...(options.zendeskTransport ? { zendeskTransport: options.zendeskTransport } : {}),
      telegram: telegramApi,
      warn: (message, details) => logger.warn(message, details),
    });
    const talk = conversation({
      db,
      tableName: dynamo.tableName,
      clock,
      zendesk: zendesk.api,
      telegram: telegramApi,
      render: renderAgentReply,
    });
    const corrections = agentCorrections({
      db,
      tableName: dynamo.tableName,
      clock,
      zendesk: zendesk.api,
      onRecorded: (outcome, ticketId) => logger.info("group change", { outcome, ticketId }),
    });
    const onCustomerMessage = async (event: CustomerMessageReceived) => {
      await talk.onCustomerMessage(event);
      await sla.onCustomerMessage(event);
    };
    bus.subscribe("IntakeSubmitted", async (event) => {
      if (event.type !== "IntakeSubmitted") return;
      await createTicket(event);
      // Also after a duplicate: the first delivery may have failed between the ticket and these messages.
      for (const message of await talk.messagesWaitingFor(event.requestId)) await onCustomerMessage(message);
    });
    bus.subscribe("CustomerMessageReceived", async (event) => {
      if (event.type === "CustomerMessageReceived") await onCustomerMessage(event);
    });
    bus.subscribe("TicketFeedbackGiven", async (event) => {
      if (event.type === "TicketFeedbackGiven") await talk.onTicketFeedback(event);
    });
    const server = createLocalServer({
      logger,
      clock,
      telegramWebhook: telegramWebhookEndpoint({
        acceptedSecrets: async () => (config.telegram.webhookSecret ? [config.telegram.webhookSecret] : []),
        process: processUpdate,
        onRejected: (reason) => audit(logger, "webhook-rejected", { webhook: "telegram", reason }),
      }),
      zendeskWebhook: zendeskWebhookEndpoint({
        acceptedSecrets: zendesk.acceptedWebhookSecrets,
        ledger,
        clock,
        handle: async (event) => {
          await sla.onZendeskEvent(event);
          await talk.onZendeskEvent(event);
          await corrections.onZendeskEvent(event);
        },
        onRejected: (reason) => audit(logger, "webhook-rejected", { webhook: "zendesk", reason }),
        onFailed: (error, event) =>
          logger.error("zendesk event failed", { eventId: event.id, error: safeError(error) }),
      }),
      info: () => ({ telegram: telegram.describe(), zendesk: zendesk.describe() }),
      runScanner,
      replayDeadLetters: (replay) =>
        replayDeadLetters(new InProcessDeadLetters(bus.deadLetters), bus, replay),
    });
    const url = await listen(server, config.port);
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await zendesk.connect(`${url}/zendesk/webhook`);
    for (const secret of await zendesk.acceptedWebhookSecrets()) rememberSecret(secret);
    await telegram.connect({
      webhookUrl: `${url}/telegram/webhook`,
      webhookSecret: config.telegram.webhookSecret,
      bot: intakeBot.bot,
      processUpdate,
      logger,
    });
    // The in-process stand-in for the EventBridge schedule: one scan a minute of real time.
    const timer = setInterval(() => {
      runScanner().catch((error) => logger.error("sla scan failed", { error: safeError(error) }));
    }, 60_000);
    timer.unref();
    closers.push(async () => clearInterval(timer));
    return {
      url,
      runScanner,
      clock,
      bus,
      telegram,
      zendesk,
      server,
      table: { db, name: dynamo.tableName },
      close: async () => {
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    throw error;
  }
}
