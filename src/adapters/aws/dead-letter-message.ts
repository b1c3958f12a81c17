import { bridgeEventSchema } from "../../domain/event-schemas.js";
import type { BridgeEvent } from "../../domain/events.js";
import type { DeadLetterMessage } from "../../ports/dead-letter-queue.js";
import * as z from "../../zod.js";

/** An SQS message as ReceiveMessage returns it (JSON protocol field names). */
export interface SqsMessage {
  readonly MessageId: string;
  readonly Body?: string;
  readonly MessageAttributes?: Record<string, { readonly StringValue?: string }>;
}

/** The EventBridge event the rule delivered: the bridge event is its `detail`. */
const busEnvelope = z.object({ "detail-type": z.string(), detail: z.unknown() });

/** What Lambda sends to an on-failure destination after its own retries of an asynchronous invocation. */
const lambdaFailureRecord = z.object({
  requestContext: z.object({ condition: z.string(), approximateInvokeCount: z.optional(z.number()) }),
  requestPayload: z.unknown(),
  responsePayload: z.nullish(
    z.object({ errorType: z.optional(z.string()), errorMessage: z.optional(z.string()) }),
  ),
  responseContext: z.optional(z.object({ functionError: z.optional(z.string()) })),
});

function eventIn(envelope: unknown): BridgeEvent | undefined {
  const bus = busEnvelope.safeParse(envelope);
  if (!bus.success) return undefined;
  const event = bridgeEventSchema.safeParse(bus.data.detail);
  return event.success && event.data.type === bus.data["detail-type"] ? event.data : undefined;
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/**
 * Reads one message of the routing dead-letter queue, which receives two kinds: Lambda on-failure
 * records (the function kept failing; the EventBridge event is `requestPayload`) and EventBridge target
 * dead letters (the event could not be delivered; the body is the event, the reason in the `ERROR_CODE`
 * and `ERROR_MESSAGE` attributes). The failure text carries error names and messages, never the payload.
 */
export function readDeadLetterMessage(message: SqsMessage): DeadLetterMessage {
  const body = parseJson(message.Body);
  const record = lambdaFailureRecord.safeParse(body);
  if (record.success) {
    const { requestContext, responsePayload, responseContext, requestPayload } = record.data;
    const error = [
      responsePayload?.errorType ?? responseContext?.functionError,
      responsePayload?.errorMessage,
    ]
      .filter(Boolean)
      .join(": ");
    const tries = requestContext.approximateInvokeCount;
    return {
      messageId: message.MessageId,
      event: eventIn(requestPayload),
      failure: `Lambda ${requestContext.condition}${tries ? ` after ${tries} attempts` : ""}${error ? ` (${error})` : ""}`,
    };
  }
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const code = attribute("ERROR_CODE");
  return {
    messageId: message.MessageId,
    event: eventIn(body),
    failure: code
      ? `EventBridge ${code}${attribute("ERROR_MESSAGE") ? `: ${attribute("ERROR_MESSAGE")}` : ""}`
      : "unknown: neither a Lambda failure record nor an EventBridge dead letter",
  };
}
