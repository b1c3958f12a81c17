import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { fromApiGateway, isApiGatewayEvent, toApiGateway } from "../../src/adapters/http/api-gateway.js";
import { count, withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { safeError } from "../../src/adapters/observability/safe-error.js";
import {
  customerMessageSchema,
  intakeSubmittedSchema,
  ticketFeedbackSchema,
} from "../../src/domain/event-schemas.js";
import { createRoutingApp } from "../../src/wiring/aws-routing.js";
import * as z from "../../src/zod.js";

const app = createRoutingApp();

/** An EventBridge delivery as the bus rule sends it; only the detail is trusted after validation. */
const busEvent = z.discriminatedUnion("detail-type", [
  z.object({ "detail-type": z.literal("IntakeSubmitted"), detail: intakeSubmittedSchema }),
  z.object({ "detail-type": z.literal("CustomerMessageReceived"), detail: customerMessageSchema }),
  z.object({ "detail-type": z.literal("TicketFeedbackGiven"), detail: ticketFeedbackSchema }),
]);

/**
 * Two doors: POST /zendesk/webhook (API Gateway) and the bus events (IntakeSubmitted, CustomerMessageReceived,
 * TicketFeedbackGiven). A thrown error on the bus path makes Lambda and EventBridge retry, then dead-letter.
 */
export const handler = (event: APIGatewayProxyEvent | unknown): Promise<APIGatewayProxyResult | undefined> =>
  withTelemetry(app.telemetry, "routing", () => route(event));

const { logger } = app.telemetry;

async function route(event: APIGatewayProxyEvent | unknown): Promise<APIGatewayProxyResult | undefined> {
  if (isApiGatewayEvent(event)) {
    try {
      return toApiGateway(await app.zendeskWebhook(fromApiGateway(event)));
    } catch (error) {
      logger.error("zendesk webhook failed", { error: safeError(error) });
      // Zendesk retries a 503 with a short Retry-After, not a 502 or 500.
      return toApiGateway({
        status: 503,
        headers: { "retry-after": "10" },
        body: { error: "temporarily unavailable" },
      });
    }
  }
  try {
    const parsed = busEvent.safeParse(event);
    if (!parsed.success) {
      // Retrying a malformed event cannot help: log it (ids only) and let it go.
      logger.error("unexpected event", { issues: parsed.error.issues.map((i) => i.path.join(".")) });
      return undefined;
    }
    const { data } = parsed;
    if (data["detail-type"] === "IntakeSubmitted") {
      logger.appendKeys({ requestId: data.detail.requestId });
      const outcome = await app.onIntakeSubmitted(data.detail);
      if (outcome === "processed") count(app.telemetry, "TicketsCreated");
      logger.info("intake handled", { outcome });
    } else if (data["detail-type"] === "CustomerMessageReceived") {
      logger.appendKeys({ ticketId: data.detail.ticketId });
      logger.info("customer message handled", { outcome: await app.onCustomerMessage(data.detail) });
    } else {
      logger.appendKeys({ ticketId: data.detail.ticketId });
      logger.info("ticket feedback handled", { outcome: await app.onTicketFeedback(data.detail) });
    }
    return undefined;
  } catch (error) {
    logger.error("routing failed; will be retried", { error: safeError(error) });
    throw error;
  }
}
