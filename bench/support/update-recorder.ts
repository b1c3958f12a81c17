import { AsyncLocalStorage } from "node:async_hooks";
import type { Server } from "node:http";
import { performance } from "node:perf_hooks";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Api } from "grammy";
import { InProcessBus } from "../../src/adapters/bus/in-process-bus.js";

/** What one webhook request cost: server-side time and the calls made on its behalf. */
export interface UpdateRecord {
  /** performance.now() when the server got the request, and when the response was handed to the socket. */
  readonly start: number;
  end?: number;
  status?: number;
  /** DynamoDB commands in call order (`GetCommand`, `TransactWriteCommand`...), retries not repeated. */
  readonly dynamo: string[];
  /** Bot API methods in call order, auto-retries not repeated. */
  readonly telegram: string[];
  /** Events published (on AWS, one EventBridge PutEvents each). */
  readonly published: string[];
}

/**
 * Attributes calls to the webhook request that caused them. Each request to the Telegram webhook runs in
 * its own AsyncLocalStorage context, which the SDK middleware and the Bot API transformer read; calls
 * outside any webhook request (start-up, the Zendesk side) are not counted.
 */
export class UpdateRecorder {
  readonly records: UpdateRecord[] = [];
  private readonly current = new AsyncLocalStorage<UpdateRecord>();

  /** Must run before the stack serves: the listener goes in front of the server's own. */
  timeRequests(server: Server, path: string): void {
    server.prependListener("request", (req, res) => {
      if (req.method !== "POST" || req.url !== path) return;
      const record: UpdateRecord = { start: performance.now(), dynamo: [], telegram: [], published: [] };
      this.records.push(record);
      // Listeners run synchronously one after the other, so the server's handler starts in this context.
      this.current.enterWith(record);
      res.once("finish", () => {
        record.end = performance.now();
        record.status = res.statusCode;
      });
    });
  }

  countDynamo(db: DynamoDBDocumentClient): void {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        this.current.getStore()?.dynamo.push(context.commandName ?? "unknown");
        return next(args);
      },
      { step: "initialize", name: "benchCallCounter" },
    );
  }

  countTelegram(api: Api): void {
    // Installed last, so it wraps auto-retry and sees each call once.
    api.config.use((prev, method, payload, signal) => {
      this.current.getStore()?.telegram.push(method);
      return prev(method, payload, signal);
    });
  }

  /**
   * Stands in for EventBridge: each publish is validated as the bus would (an empty bus of its own) and
   * counted, then dropped. Its consumers (ticket creation, routing, SLA) are other functions on AWS; run
   * here, they would take CPU from the updates being timed.
   */
  dropPublishes(bus: InProcessBus): void {
    const validator = new InProcessBus({ retryAttempts: 0, retryDelayMs: () => 0 });
    bus.publish = async (event) => {
      this.current.getStore()?.published.push(event.type);
      await validator.publish(event);
    };
  }
}
