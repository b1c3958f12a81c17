import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { currentValueAgeDays } from "../adapters/aws/secret-age.js";
import { createTelemetry } from "../adapters/observability/lambda-telemetry.js";
import { loadAwsConfig } from "../config/aws-config.js";
import { type Clock, systemClock } from "../ports/clock.js";

/** Metric the bot-token age alarm watches (namespace from POWERTOOLS_METRICS_NAMESPACE, dimension service). */
export const SECRET_AGE_METRIC = "SecretAgeDays";
export const SECRET_AGE_SERVICE = "secret-age";

/** The secret-age check: one metric per run with the age of the watched secret's current value. */
export function createSecretAgeApp(
  env: Record<string, string | undefined> = process.env,
  clock: Clock = systemClock,
) {
  const config = loadAwsConfig("secret-age", env);
  const telemetry = createTelemetry(SECRET_AGE_SERVICE);
  const client = new SecretsManagerClient({});
  return {
    telemetry,
    check: async (): Promise<number> => {
      const days = await currentValueAgeDays(client, config.WATCHED_SECRET_ARN, clock.now());
      telemetry.metrics.addMetric(SECRET_AGE_METRIC, MetricUnit.Count, days);
      return days;
    },
  };
}
