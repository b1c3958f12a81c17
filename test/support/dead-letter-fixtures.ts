import type { BridgeEvent, IntakeSubmitted } from "../../src/domain/events.js";

export const intakeEvent = (n: number): IntakeSubmitted => ({
  type: "IntakeSubmitted",
  requestId: `req-${String(n).padStart(8, "0")}`,
  submittedAt: "2026-11-25T10:00:00.000Z",
  chatId: 7000 + n,
  customer: { telegramUserId: 7000 + n, firstName: "Ann", locale: "en" },
  category: "shipping",
  orderId: "A-10023",
  priority: "standard",
  description: "Where is my parcel?",
  attachments: [],
});

/** The event as the bus rule hands it to its target. */
export const busEnvelope = (event: BridgeEvent) => ({
  version: "0",
  id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": event.type,
  source: "telegram-zendesk-bridge.intake",
  account: "123456789012",
  time: "2026-11-25T10:00:01Z",
  region: "eu-west-1",
  resources: [],
  detail: event,
});

/** What Lambda sends to the on-failure destination once its retries of an async invocation ran out. */
export const lambdaFailureRecord = (event: BridgeEvent) => ({
  version: "1.0",
  timestamp: "2026-11-25T10:03:12.000Z",
  requestContext: {
    requestId: "e4b46cbf-b738-xmpl-8880-a18cdf61200e",
    functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:Routing:$LATEST",
    condition: "RetriesExhausted",
    approximateInvokeCount: 3,
  },
  requestPayload: busEnvelope(event),
  responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
  responsePayload: {
    errorType: "HelpDeskUnavailable",
    errorMessage: "Zendesk POST /api/v2/tickets answered 503",
    trace: ["HelpDeskUnavailable: Zendesk POST /api/v2/tickets answered 503"],
  },
});

/** Message attributes EventBridge sets on a target dead letter. */
export const eventBridgeErrorAttributes = {
  ERROR_CODE: "SDK_CLIENT_ERROR",
  ERROR_MESSAGE: "Unable to invoke Lambda function: Rate Exceeded.",
  EXHAUSTED_RETRY_CONDITION: "MaximumRetryAttempts",
  RETRY_ATTEMPTS: "8",
  RULE_ARN: "arn:aws:events:eu-west-1:123456789012:rule/bridge-bus/RouteIntakeEvents",
  TARGET_ARN: "arn:aws:lambda:eu-west-1:123456789012:function:Routing",
};
