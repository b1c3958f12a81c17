import * as z from "../zod.js";

/** Telegram allows 1-256 characters from this set in a webhook `secret_token`. */
export const telegramSecretToken = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters from A-Z, a-z, 0-9, _ and -"));

export const telegramBotToken = z
  .string()
  .check(
    z.regex(/^\d+:[A-Za-z0-9_-]+$/, "a bot token like 123456:ABC-DEF (digits, a colon, then the secret)"),
  );

/** An http(s) URL without a trailing slash; a wrong value is told what one looks like. */
export const httpUrlLike = (example: string) =>
  z.pipe(
    z.url({ protocol: /^https?$/, error: `an http(s) URL such as ${example}` }),
    z.transform((value: string) => value.replace(/\/+$/, "")),
  );

export const httpUrl = httpUrlLike("https://acme.zendesk.com");

export const awsArn = z.string().check(z.regex(/^arn:aws[a-z-]*:[a-z0-9-]+:/, "an AWS ARN (arn:aws:...)"));

const emptyAsUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/**
 * An optional setting: an empty (or blank) string counts as unset, so `FOO= npm start` behaves like no FOO
 * at all.
 */
export const optional = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(z.transform(emptyAsUndefined), z.optional(schema));

/** A setting with a default, which an empty string gets too. */
export const withDefault = <T extends z.ZodMiniType>(
  schema: T,
  fallback: z.core.util.NoUndefined<z.output<T>>,
) => z.pipe(z.transform(emptyAsUndefined), z._default(schema, fallback));

/** Formats zod issues as `NAME: expected ...; got ...` lines, one per setting. */
export function describeIssues(error: z.core.$ZodError, env: Record<string, string | undefined>): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join(".") || "(environment)";
      const present = issue.path.length > 0 && env[key] !== undefined && env[key] !== "";
      const seen = present ? " (value present but invalid)" : issue.path.length > 0 ? " (not set)" : "";
      return `  ${key}: ${issue.message}${seen}`;
    })
    .join("\n");
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function parseEnv<T extends z.ZodMiniType>(
  schema: T,
  env: Record<string, string | undefined>,
  what: string,
): z.output<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(`Invalid ${what} configuration:\n${describeIssues(result.error, env)}`);
  }
  return Object.freeze(result.data) as z.output<T>;
}
