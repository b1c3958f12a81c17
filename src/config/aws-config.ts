import * as z from "zod";
import { awsArn, httpUrl, parseEnv } from "./env-schema.js";

const common = {
  BRIDGE_RUNTIME: z.literal("aws", { error: 'must be "aws" inside Lambda' }),
  TABLE_NAME: z.string().min(3, "the DynamoDB table name"),
};

const zendeskApi = {
  ZENDESK_URL: httpUrl,
  ZENDESK_EMAIL: z.email({ error: "the Zendesk agent's email address" }),
  ZENDESK_API_TOKEN_SECRET_ARN: awsArn,
};

const schemas = {
  intake: z.object({
    ...common,
    EVENT_BUS_NAME: z.string().min(1),
    TELEGRAM_BOT_TOKEN_SECRET_ARN: awsArn,
    TELEGRAM_WEBHOOK_SECRET_ARN: awsArn,
    ZENDESK_URL: httpUrl,
  }),
  routing: z.object({
    ...common,
    ...zendeskApi,
    EVENT_BUS_NAME: z.string().min(1),
    TELEGRAM_BOT_TOKEN_SECRET_ARN: awsArn,
    ZENDESK_WEBHOOK_SECRET_ARN: awsArn,
  }),
  "sla-scanner": z.object({
    ...common,
    ...zendeskApi,
    ALERT_TOPIC_ARN: awsArn,
  }),
} as const;

export type AwsFunctionName = keyof typeof schemas;
export type AwsConfig<F extends AwsFunctionName> = z.output<(typeof schemas)[F]>;

/**
 * Reads a Lambda function's settings. Only ARNs of secrets live in the environment; values are fetched
 * from Secrets Manager at run time (see adapters/aws/secrets.ts).
 */
export function loadAwsConfig<F extends AwsFunctionName>(
  fn: F,
  env: Record<string, string | undefined> = process.env,
): AwsConfig<F> {
  return parseEnv(schemas[fn], env, `${fn} function`) as AwsConfig<F>;
}
