import { withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { createSecretAgeApp } from "../../src/wiring/aws-secret-age.js";

const app = createSecretAgeApp();

/**
 * On a schedule: publishes how old the Telegram bot token is. Telegram offers no API to rotate it, so an
 * alarm on this metric reminds the operator to do it by hand (README, "Rotating the bot token").
 */
export const handler = (): Promise<void> =>
  withTelemetry(app.telemetry, "secret-age", async () => {
    const days = await app.check();
    app.telemetry.logger.info("secret age", { days: Math.floor(days) });
  });
