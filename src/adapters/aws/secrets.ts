import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { SECRET_MAX_AGE_SECONDS } from "../../config/constants.js";
import { rememberSecret } from "../observability/redact.js";

/**
 * A secret's current value from Secrets Manager, cached per container (Powertools Parameters) so a warm
 * invocation costs no call. `fresh` reads past the cache (after a credential was refused, say). Values never
 * pass through environment variables, and logs mask them.
 */
export async function secretValue(arn: string, options: { fresh?: boolean } = {}): Promise<string> {
  const value = await getSecret(arn, { maxAge: SECRET_MAX_AGE_SECONDS, forceFetch: options.fresh === true });
  if (typeof value !== "string" || value.length === 0) throw new Error(`secret ${arn} has no string value`);
  rememberSecret(value);
  return value;
}
