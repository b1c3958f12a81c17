import { Validations } from "aws-cdk-lib";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

/** Every punctuation character Secrets Manager can generate except `_` and `-`. */
export const WEBHOOK_SECRET_EXCLUDED_CHARACTERS = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";

export interface BridgeSecretsProps {
  readonly encryptionKey: kms.IKey;
  /** Rotation period, shown in each secret's description (the schedules are in SecretRotation). */
  readonly rotationDays: number;
}

/**
 * The four credentials the bridge needs, encrypted with the bridge CMK. Values are put
 * after deployment (docs/deployment.md); the template never holds one. The Telegram
 * webhook secret is generated here because we choose it; the others are issued by
 * Telegram or Zendesk and start as random placeholders.
 */
export class BridgeSecrets extends Construct {
  readonly telegramBotToken: secretsmanager.Secret;
  readonly telegramWebhookSecret: secretsmanager.Secret;
  readonly zendeskApiToken: secretsmanager.Secret;
  readonly zendeskWebhookSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: BridgeSecretsProps) {
    super(scope, id);
    const secret = (secretId: string, description: string, generate?: secretsmanager.SecretStringGenerator) =>
      new secretsmanager.Secret(this, secretId, {
        description: `${description} Rotated every ${props.rotationDays} days (docs/deployment.md).`,
        encryptionKey: props.encryptionKey,
        ...(generate !== undefined ? { generateSecretString: generate } : {}),
      });

    this.telegramBotToken = secret(
      "TelegramBotToken",
      "Telegram bot token from @BotFather (put the value after deploy; rotated by hand, an alarm says when).",
    );
    Validations.of(this.telegramBotToken).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Telegram has no API to rotate a bot token (only @BotFather's /revoke): it is rotated by hand per the " +
        "README, and the secret-age alarm fires when it is older than the rotation period",
    });
    // Telegram accepts 1-256 characters from A-Z a-z 0-9 _ - as secret_token.
    this.telegramWebhookSecret = secret(
      "TelegramWebhookSecret",
      "secret_token for Telegram setWebhook, checked against X-Telegram-Bot-Api-Secret-Token.",
      {
        passwordLength: 64,
        excludeCharacters: WEBHOOK_SECRET_EXCLUDED_CHARACTERS,
        includeSpace: false,
        requireEachIncludedType: false,
      },
    );
    this.zendeskApiToken = secret(
      "ZendeskApiToken",
      'Zendesk API token of zendeskEmail as {"token":"...","id":123} (put the value after deploy).',
    );
    this.zendeskWebhookSecret = secret(
      "ZendeskWebhookSecret",
      "Zendesk webhook signing secret for X-Zendesk-Webhook-Signature (put the value after deploy).",
    );
  }
}
