import { Validations } from "aws-cdk-lib";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";

/** Every punctuation character Secrets Manager can generate except `_` and `-`. */
export const WEBHOOK_SECRET_EXCLUDED_CHARACTERS = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~";

export interface BridgeSecretsProps {
  readonly encryptionKey: kms.IKey;
  /** Manual rotation period until rotation functions exist; shown in each secret's description. */
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
    const rotation = `Rotate every ${props.rotationDays} days (manual, see docs/deployment.md).`;
    const secret = (
      secretId: string,
      description: string,
      generate?: secretsmanager.SecretStringGenerator,
    ) => {
      const created = new secretsmanager.Secret(this, secretId, {
        description: `${description} ${rotation}`,
        encryptionKey: props.encryptionKey,
        ...(generate !== undefined ? { generateSecretString: generate } : {}),
      });
      Validations.of(created).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "Rotation function added in issue #7; until then secrets are rotated manually per docs/deployment.md",
      });
      return created;
    };

    this.telegramBotToken = secret(
      "TelegramBotToken",
      "Telegram bot token from @BotFather (put the value after deploy).",
    );
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
      "Zendesk API token of zendeskEmail (put the value after deploy).",
    );
    this.zendeskWebhookSecret = secret(
      "ZendeskWebhookSecret",
      "Zendesk webhook signing secret for X-Zendesk-Webhook-Signature (put the value after deploy).",
    );
  }
}
