import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { RotationStrategy } from "../adapters/aws/rotation/rotate-secret.js";
import { runRotationStep } from "../adapters/aws/rotation/rotate-secret.js";
import type { RotationEvent } from "../adapters/aws/rotation/rotation-event.js";
import { SecretVersions } from "../adapters/aws/rotation/secret-versions.js";
import { secretValue } from "../adapters/aws/secrets.js";
import type { AuditLogger } from "../adapters/observability/audit.js";
import { createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { createTelegramApi } from "../adapters/telegram/create-bot.js";
import { telegramWebhookSecretRotation } from "../adapters/telegram/webhook-secret-rotation.js";
import { zendeskApiTokenRotation } from "../adapters/zendesk/api-token-rotation.js";
import { ZendeskCredentialsApi } from "../adapters/zendesk/credentials-api.js";
import { zendeskWebhookSecretRotation } from "../adapters/zendesk/webhook-secret-rotation.js";
import { type AwsConfig, loadAwsConfig } from "../config/aws-config.js";
import { PUBLIC_BOT_API_ROOT } from "../config/constants.js";
import { lazy } from "../lazy.js";
import { apiTokenFromSecret } from "./zendesk-api-token.js";

type RotationConfig = AwsConfig<"secret-rotation">;

async function strategyFor(config: RotationConfig, logger: AuditLogger): Promise<RotationStrategy> {
  switch (config.ROTATION_TARGET) {
    case "telegram-webhook-secret":
      return telegramWebhookSecretRotation(
        createTelegramApi({
          token: await secretValue(config.TELEGRAM_BOT_TOKEN_SECRET_ARN),
          apiRoot: PUBLIC_BOT_API_ROOT,
        }),
      );
    case "zendesk-webhook-secret":
      return zendeskWebhookSecretRotation({
        api: new ZendeskCredentialsApi({ url: config.ZENDESK_URL, email: config.ZENDESK_EMAIL }),
        apiToken: () => apiTokenFromSecret(config.ZENDESK_API_TOKEN_SECRET_ARN).current(),
        webhookEndpoint: config.ZENDESK_WEBHOOK_ENDPOINT,
      });
    case "zendesk-api-token":
      return zendeskApiTokenRotation(
        new ZendeskCredentialsApi({ url: config.ZENDESK_URL, email: config.ZENDESK_EMAIL }),
        logger,
      );
  }
}

/**
 * A rotation function's object graph: the same four-step runner for every secret, with the strategy that
 * `ROTATION_TARGET` names. Each rotated secret has its own function, so each role reaches only its secret.
 */
export function createSecretRotationApp(env: Record<string, string | undefined> = process.env) {
  const config = loadAwsConfig("secret-rotation", env);
  const telemetry = createTelemetry("secret-rotation");
  const { logger } = telemetry;
  const secrets = new SecretVersions(new SecretsManagerClient({}));
  const strategy = lazy(() => strategyFor(config, logger));
  return {
    telemetry,
    rotate: async (event: RotationEvent) =>
      runRotationStep(event, { secrets, strategy: await strategy(), logger }),
  };
}
