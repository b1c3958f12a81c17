import * as z from "../zod.js";
import { awsArn, httpUrl, parseEnv } from "./env-schema.js";

const common = {
  BRIDGE_RUNTIME: z.literal("aws", { error: 'must be "aws" inside Lambda' }),
  TABLE_NAME: z.string().check(z.minLength(3, "the DynamoDB table name")),
};

const zendeskApi = {
  ZENDESK_URL: httpUrl,
  ZENDESK_EMAIL: z.email({ error: "the Zendesk agent's email address" }),
  ZENDESK_API_TOKEN_SECRET_ARN: awsArn,
};

/** How long the previous webhook secret stays accepted after a rotation (docs/deployment.md). */
const webhookSecretGrace = {
  WEBHOOK_GRACE_SECONDS: z._default(
    z.pipe(
      z.coerce.number({ error: "whole seconds, e.g. 600" }),
      z.int("whole seconds, e.g. 600").check(z.minimum(0), z.maximum(86_400)),
    ),
    600,
  ),
};

/** One rotation function per rotated secret; `ROTATION_TARGET` says which and what else it needs. */
const secretRotation = () =>
  z.discriminatedUnion("ROTATION_TARGET", [
    z.object({
      ROTATION_TARGET: z.literal("telegram-webhook-secret"),
      TELEGRAM_BOT_TOKEN_SECRET_ARN: awsArn,
    }),
    z.object({
      ROTATION_TARGET: z.literal("zendesk-webhook-secret"),
      ...zendeskApi,
      ZENDESK_WEBHOOK_ENDPOINT: z.url({ error: "the bridge's /zendesk/webhook URL" }),
    }),
    z.object({
      ROTATION_TARGET: z.literal("zendesk-api-token"),
      ZENDESK_URL: httpUrl,
      ZENDESK_EMAIL: zendeskApi.ZENDESK_EMAIL,
    }),
  ]);

// Factories, so that a function builds only its own schema at cold start.
const schemas = {
  intake: () =>
    z.object({
      ...common,
      ...webhookSecretGrace,
      EVENT_BUS_NAME: z.string().check(z.minLength(1)),
      TELEGRAM_BOT_TOKEN_SECRET_ARN: awsArn,
      TELEGRAM_WEBHOOK_SECRET_ARN: awsArn,
      ZENDESK_URL: httpUrl,
    }),
  routing: () =>
    z.object({
      ...common,
      ...zendeskApi,
      ...webhookSecretGrace,
      EVENT_BUS_NAME: z.string().check(z.minLength(1)),
      TELEGRAM_BOT_TOKEN_SECRET_ARN: awsArn,
      ZENDESK_WEBHOOK_SECRET_ARN: awsArn,
    }),
  "sla-scanner": () =>
    z.object({
      ...common,
      ...zendeskApi,
      ALERT_TOPIC_ARN: awsArn,
      // The scanner also sends the nudges that fell due (an unanswered question, a form left unsent).
      TELEGRAM_BOT_TOKEN_SECRET_ARN: awsArn,
    }),
  "secret-rotation": secretRotation,
  "secret-age": () =>
    z.object({
      WATCHED_SECRET_ARN: awsArn,
    }),
} as const;

export type AwsFunctionName = keyof typeof schemas;
export type AwsConfig<F extends AwsFunctionName> = z.output<ReturnType<(typeof schemas)[F]>>;

/**
 * Reads a Lambda function's settings. Only ARNs of secrets live in the environment; values are fetched
 * from Secrets Manager at run time (see adapters/aws/secrets.ts).
 */
export function loadAwsConfig<F extends AwsFunctionName>(
  fn: F,
  env: Record<string, string | undefined> = process.env,
): AwsConfig<F> {
  return parseEnv(schemas[fn](), env, `${fn} function`) as AwsConfig<F>;
}
