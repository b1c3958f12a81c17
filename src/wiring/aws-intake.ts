import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { EventBridgePublisher } from "../adapters/aws/eventbridge-publisher.js";
import { secretValue } from "../adapters/aws/secrets.js";
import { WebhookSecrets } from "../adapters/aws/webhook-secrets.js";
import { createDocumentClient } from "../adapters/dynamodb/client.js";
import { DynamoCustomerData } from "../adapters/dynamodb/customer-data.js";
import { DynamoDeliveryLedger } from "../adapters/dynamodb/delivery-ledger.js";
import { DynamoHeldMessages } from "../adapters/dynamodb/held-messages.js";
import { DynamoIntakeStore } from "../adapters/dynamodb/intake-store.js";
import { DynamoTopicLinks } from "../adapters/dynamodb/topic-links.js";
import { audit } from "../adapters/observability/audit.js";
import { count, createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { createIntakeBot, identityFor } from "../adapters/telegram/create-bot.js";
import { telegramWebhookEndpoint } from "../adapters/telegram/webhook-endpoint.js";
import { loadAwsConfig } from "../config/aws-config.js";
import { CONVERSATION_RETENTION_SECONDS, HOLD_TIMES, PUBLIC_BOT_API_ROOT } from "../config/constants.js";
import { intakePolicy } from "../config/intake-form.js";
import { lazy } from "../lazy.js";
import { systemClock } from "../ports/clock.js";
import { keptBotIdentity } from "./bot-identity.js";
import { randomId } from "./ids.js";
import { knowledgeBaseDeps } from "./knowledge-base.js";

/** The intake function's object graph, built once per container. Secrets are fetched on first use. */
export function createIntakeApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("intake", env);
  // No X-Ray SDK here: Lambda's active tracing still traces each invocation, and the SDK passes the trace
  // header on to EventBridge; only the per-call subsegments are gone (docs/decisions.md).
  const telemetry = createTelemetry("intake");
  const { logger } = telemetry;
  const db = createDocumentClient({});
  const store = new DynamoIntakeStore(
    db,
    {
      tableName: config.TABLE_NAME,
      formTtlSeconds: intakePolicy.formTtlSeconds,
      formReminderSeconds: intakePolicy.formReminderSeconds,
      retentionSeconds: CONVERSATION_RETENTION_SECONDS,
    },
    systemClock,
  );
  const publisher = new EventBridgePublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME);
  const identity = keptBotIdentity(db, config.TABLE_NAME, systemClock, logger);
  const intakeBot = lazy(async () => {
    // Side by side: the kept identity spares the first update a getMe after the token.
    const [token, known] = await Promise.all([
      secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN),
      identity.read(),
    ]);
    return createIntakeBot(
      { token, apiRoot: PUBLIC_BOT_API_ROOT, botInfo: identityFor(token, known) },
      {
        store,
        publisher,
        clock: systemClock,
        policy: intakePolicy,
        newId: randomId,
        // Anonymous Help Center search: the intake function holds no Zendesk credential (docs/decisions.md).
        ...knowledgeBaseDeps({
          zendeskUrl: config.ZENDESK_URL,
          logger,
          count: (metric) => count(telemetry, metric),
        }),
        held: new DynamoHeldMessages(db, config.TABLE_NAME, HOLD_TIMES, systemClock),
        topics: new DynamoTopicLinks(db, config.TABLE_NAME, CONVERSATION_RETENTION_SECONDS, systemClock),
        customerData: new DynamoCustomerData(db, config.TABLE_NAME, systemClock),
        ledger: new DynamoDeliveryLedger(db, config.TABLE_NAME, systemClock),
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
  });
  const webhookSecrets = new WebhookSecrets({
    client: new SecretsManagerClient({}),
    secretId: config.TELEGRAM_WEBHOOK_SECRET_ARN,
    clock: systemClock,
    graceSeconds: config.WEBHOOK_GRACE_SECONDS,
  });
  const endpoint = telegramWebhookEndpoint({
    // AWSCURRENT and AWSPENDING (and AWSPREVIOUS briefly), so no update is refused while the token rotates.
    acceptedSecrets: () => webhookSecrets.accepted(),
    refreshedSecrets: () => webhookSecrets.refreshed(),
    // A new container's first update would otherwise wait for the webhook secret, then the bot token, then
    // getMe, one after another. A failure here is seen again, and answered, by `process`.
    prepare: () => {
      intakeBot()
        .then((bot) => bot.ready())
        .catch(() => {});
    },
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
