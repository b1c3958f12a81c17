import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { rememberSecret } from "../observability/redact.js";

/** Rotated values reach running functions within this many seconds, without a deploy. */
const MAX_AGE_SECONDS = 300;

/**
 * A secret's current value from Secrets Manager, cached per container (Powertools Parameters) so a warm
 * invocation costs no call. `fresh` reads past the cache (after a credential was refused, say). Values never
 * pass through environment variables, and logs mask them.
 */
export async function secretValue(arn: string, options: { fresh?: boolean } = {}): Promise<string> {
  const value = await getSecret(arn, { maxAge: MAX_AGE_SECONDS, forceFetch: options.fresh === true });
  if (typeof value !== "string" || value.length === 0) throw new Error(`secret ${arn} has no string value`);
  rememberSecret(value);
  return value;
}
