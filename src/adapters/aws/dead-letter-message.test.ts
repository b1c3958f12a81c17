import { describe, expect, it } from "vitest";
import {
  busEnvelope,
  eventBridgeErrorAttributes,
  intakeEvent,
  lambdaFailureRecord,
} from "../../../test/support/dead-letter-fixtures.js";
import { readDeadLetterMessage } from "./dead-letter-message.js";

const attributes = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { StringValue: v }]));

describe("readDeadLetterMessage", () => {
  it("reads the event and the error from a Lambda on-failure record", () => {
    const message = readDeadLetterMessage({
      MessageId: "m-1",
      Body: JSON.stringify(lambdaFailureRecord(intakeEvent(1))),
    });
    expect(message.event).toEqual(intakeEvent(1));
    expect(message.failure).toBe(
      "Lambda RetriesExhausted after 3 attempts (HelpDeskUnavailable: Zendesk POST /api/v2/tickets answered 503)",
    );
  });

  it("reads the event and the error attributes of an EventBridge target dead letter", () => {
    const message = readDeadLetterMessage({
      MessageId: "m-2",
      Body: JSON.stringify(busEnvelope(intakeEvent(2))),
      MessageAttributes: attributes(eventBridgeErrorAttributes),
    });
    expect(message.event).toEqual(intakeEvent(2));
    expect(message.failure).toBe(
      "EventBridge SDK_CLIENT_ERROR: Unable to invoke Lambda function: Rate Exceeded.",
    );
  });

  it("keeps the failure but no event when the detail is not a valid bridge event", () => {
    const broken = { ...busEnvelope(intakeEvent(3)), detail: { ...intakeEvent(3), requestId: "no" } };
    const message = readDeadLetterMessage({
      MessageId: "m-3",
      Body: JSON.stringify(broken),
      MessageAttributes: attributes(eventBridgeErrorAttributes),
    });
    expect(message.event).toBeUndefined();
    expect(message.failure).toContain("SDK_CLIENT_ERROR");
  });

  it("refuses an event whose detail-type disagrees with its detail", () => {
    const mislabelled = { ...busEnvelope(intakeEvent(4)), "detail-type": "CustomerMessageReceived" };
    expect(
      readDeadLetterMessage({ MessageId: "m-4", Body: JSON.stringify(mislabelled) }).event,
    ).toBeUndefined();
  });

  it("says so when the body is neither format", () => {
    const message = readDeadLetterMessage({ MessageId: "m-5", Body: "not json" });
    expect(message).toEqual({
      messageId: "m-5",
      event: undefined,
      failure: "unknown: neither a Lambda failure record nor an EventBridge dead letter",
    });
  });
});
