import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface QueuedMessage {
  MessageId: string;
  Body: string;
  MessageAttributes?: Record<string, { StringValue: string; DataType: "String" }>;
  receipt?: string;
  visible: boolean;
}

export interface FakeAws {
  /** Both service endpoints. */
  url: string;
  queueUrl: string;
  /** Adds a message as EventBridge or Lambda would put it in the dead-letter queue. */
  enqueue(body: string, attributes?: Record<string, string>): string;
  /** Messages still in the queue, visible or not. */
  messages(): ReadonlyArray<{ MessageId: string; Body: string; visible: boolean }>;
  /** PutEvents entries received, in order. */
  readonly putEvents: Array<{ EventBusName: string; Source: string; DetailType: string; Detail: string }>;
  /** `X-Amz-Target` and `Authorization` of every call. */
  readonly calls: Array<{ target: string; authorization: string }>;
  /** The next PutEvents calls report their entry as failed, as EventBridge does for throttling. */
  failPutEvents(times: number): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, type: string) =>
  res.writeHead(status, { "content-type": type }).end(JSON.stringify(body));

/**
 * SQS (AWS JSON 1.0: ReceiveMessage, DeleteMessage, ChangeMessageVisibility, with visibility and receipt
 * handles) and EventBridge PutEvents (AWS JSON 1.1, per-entry failures in the body) on loopback, enough
 * for the dead-letter replay. Unknown queues and stale receipts get SQS's documented errors.
 */
export async function startFakeAws(): Promise<FakeAws> {
  const queue: QueuedMessage[] = [];
  const putEvents: FakeAws["putEvents"] = [];
  const calls: FakeAws["calls"] = [];
  let failures = 0;
  let queueUrl = "";
  const sqsError = (res: ServerResponse, type: string, message: string) =>
    json(res, 400, { __type: `com.amazonaws.sqs#${type}`, message }, "application/x-amz-json-1.0");

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      calls.push({ target, authorization: String(req.headers.authorization ?? "") });
      const input = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      if (target === "AWSEvents.PutEvents") {
        const entries = input.Entries as FakeAws["putEvents"];
        const failed = failures > 0;
        if (failed) failures--;
        else putEvents.push(...entries);
        return json(
          res,
          200,
          {
            FailedEntryCount: failed ? entries.length : 0,
            Entries: entries.map(() =>
              failed
                ? { ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" }
                : { EventId: randomUUID() },
            ),
          },
          "application/x-amz-json-1.1",
        );
      }
      if (req.headers["content-type"] !== "application/x-amz-json-1.0" || !target.startsWith("AmazonSQS.")) {
        return sqsError(res, "UnsupportedOperation", `unsupported call ${target}`);
      }
      if (input.QueueUrl !== queueUrl)
        return sqsError(res, "QueueDoesNotExist", "The specified queue does not exist.");
      const byReceipt = () => queue.find((m) => m.receipt !== undefined && m.receipt === input.ReceiptHandle);
      switch (target) {
        case "AmazonSQS.ReceiveMessage": {
          const batch = queue.filter((m) => m.visible).slice(0, input.MaxNumberOfMessages ?? 1);
          for (const m of batch) {
            m.visible = false;
            m.receipt = randomUUID();
          }
          const Messages = batch.map(({ MessageId, Body, MessageAttributes, receipt }) => ({
            MessageId,
            ReceiptHandle: receipt,
            Body,
            ...(MessageAttributes ? { MessageAttributes } : {}),
          }));
          return json(res, 200, Messages.length > 0 ? { Messages } : {}, "application/x-amz-json-1.0");
        }
        case "AmazonSQS.DeleteMessage": {
          const message = byReceipt();
          if (!message) return sqsError(res, "ReceiptHandleIsInvalid", "The receipt handle is not valid.");
          queue.splice(queue.indexOf(message), 1);
          return json(res, 200, {}, "application/x-amz-json-1.0");
        }
        case "AmazonSQS.ChangeMessageVisibility": {
          const message = byReceipt();
          if (!message) return sqsError(res, "ReceiptHandleIsInvalid", "The receipt handle is not valid.");
          message.visible = input.VisibilityTimeout === 0;
          return json(res, 200, {}, "application/x-amz-json-1.0");
        }
        default:
          return sqsError(res, "UnsupportedOperation", `unsupported call ${target}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  queueUrl = `${url}/123456789012/RoutingDeadLetters`;
  return {
    url,
    queueUrl,
    enqueue(body, attributes = {}) {
      const MessageId = randomUUID();
      const entries = Object.entries(attributes);
      queue.push({
        MessageId,
        Body: body,
        visible: true,
        ...(entries.length > 0
          ? {
              MessageAttributes: Object.fromEntries(
                entries.map(([k, v]) => [k, { StringValue: v, DataType: "String" as const }]),
              ),
            }
          : {}),
      });
      return MessageId;
    },
    messages: () => queue.map(({ MessageId, Body, visible }) => ({ MessageId, Body, visible })),
    putEvents,
    calls,
    failPutEvents(times) {
      failures = times;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
