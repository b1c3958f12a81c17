import { secretValue } from "../adapters/aws/secrets.js";
import { parseApiTokenSecret } from "../adapters/zendesk/api-token-secret.js";
import type { ApiTokenSource } from "../adapters/zendesk/zendesk-client.js";

/**
 * The Zendesk API token from its secret, re-read through the five-minute cache on every call rather than held
 * for the container's life, and past the cache after a 401, so a rotated token is used without a deploy.
 */
export function apiTokenFromSecret(arn: string): ApiTokenSource {
  return {
    current: async () => parseApiTokenSecret(await secretValue(arn)).token,
    refreshed: async () => parseApiTokenSecret(await secretValue(arn, { fresh: true })).token,
  };
}
