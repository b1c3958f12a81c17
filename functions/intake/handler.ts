import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { fromApiGateway, toApiGateway } from "../../src/adapters/http/api-gateway.js";
import { withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { safeError } from "../../src/adapters/observability/safe-error.js";
import { createIntakeApp } from "../../src/wiring/aws-intake.js";

const app = createIntakeApp();

/** POST /telegram/webhook: one Telegram update through the intake bot. A 5xx makes Telegram redeliver. */
export const handler = (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> =>
  withTelemetry(app.telemetry, "intake", async () => {
    try {
      return toApiGateway(await app.endpoint(fromApiGateway(event)));
    } catch (error) {
      app.telemetry.logger.error("update failed; Telegram will redeliver", { error: safeError(error) });
      return toApiGateway({ status: 500, body: { error: "internal error" } });
    }
  });
