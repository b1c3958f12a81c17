import { createHmac } from "node:crypto";
import { type ClientRequest, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { ZendeskEvent } from "./events.js";
import { isoSeconds, ulid } from "./ids.js";
import type { EmulatorState } from "./state.js";
import type { Webhook, WebhookDeliveryRecord } from "./types.js";

/**
 * How failed deliveries are retried.
 *
 * `documented` (default) follows Zendesk's published retry rules: a timeout or connection error is retried
 * (Zendesk: up to 5 times), a 409 up to 3 times, a 429 or 503 only when it carries `Retry-After` under
 * 60 seconds; any other non-2xx, including 500, is NOT retried. `any-failure` retries every non-2xx and
 * error, for tests that want a plain retry loop. `attempts` caps the total attempts either way.
 */
export interface WebhookRetryOptions {
  attempts: number;
  delayMs: number;
  /** Per-attempt timeout; Zendesk waits 12 s. */
  timeoutMs?: number;
  policy?: "documented" | "any-failure";
}

type AttemptResult = { status: number; retryAfter: number | undefined } | "error";

const signature = (secret: string, timestamp: string, body: string): string =>
  createHmac("sha256", secret)
    .update(timestamp + body)
    .digest("base64");

/**
 * Sends event payloads to webhook endpoints, signed the way Zendesk signs them: `X-Zendesk-Webhook-Signature`
 * is base64(HMAC-SHA256(secret, timestamp + body)) and `X-Zendesk-Webhook-Signature-Timestamp` is the
 * injected clock in ISO-8601 UTC. Deliveries to one webhook go out one at a time, in order; every attempt of
 * an invocation carries the same event id and invocation id.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDeliveryRecord[] = [];
  private readonly queues = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private readonly sockets = new Set<ClientRequest>();
  private closed = false;

  constructor(
    private readonly state: EmulatorState,
    private readonly retry: Required<WebhookRetryOptions>,
  ) {}

  dispatch(webhook: Webhook, payload: ZendeskEvent): void {
    const previous = this.queues.get(webhook.id) ?? Promise.resolve();
    // A delivery never fails the queue: an unexpected error ends that invocation, the next one still goes out.
    const job = previous.then(() => this.deliver(webhook.id, payload)).catch(() => undefined);
    this.queues.set(webhook.id, job);
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  async waitForIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  close(): void {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    for (const socket of this.sockets) socket.destroy();
  }

  private async deliver(webhookId: string, payload: ZendeskEvent): Promise<void> {
    const body = JSON.stringify(payload);
    const invocationId = ulid(this.state.now());
    for (let attempt = 1; !this.closed; attempt++) {
      const webhook = this.state.webhooks.get(webhookId);
      const secret = this.state.signingSecrets.get(webhookId);
      if (webhook?.status !== "active" || secret === undefined) return;
      const timestamp = isoSeconds(this.state.now());
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Zendesk Webhook",
        "X-Zendesk-Account-Id": String(this.state.config.accountId),
        "X-Zendesk-Webhook-Id": webhookId,
        "X-Zendesk-Webhook-Invocation-Id": invocationId,
        "X-Zendesk-Webhook-Signature": signature(secret, timestamp, body),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
        ...webhook.custom_headers,
        ...authenticationHeaders(webhook),
      };
      const result = await this.send(webhook, headers, body);
      this.deliveries.push({
        webhookId,
        eventId: payload.id,
        invocationId,
        eventType: payload.type,
        status: result === "error" ? "error" : result.status,
        attempt,
        at: this.state.now(),
      });
      if (result !== "error" && result.status >= 200 && result.status < 300) return;
      if (!this.shouldRetry(result, attempt)) return;
      await this.sleep(this.retry.delayMs);
    }
  }

  private shouldRetry(result: AttemptResult, attempt: number): boolean {
    const cap = (documentedMaxAttempts: number): boolean =>
      attempt < Math.min(this.retry.attempts, documentedMaxAttempts);
    if (this.retry.policy === "any-failure") return cap(Number.POSITIVE_INFINITY);
    if (result === "error") return cap(6);
    if (result.status === 409) return cap(4);
    if (result.status === 429 || result.status === 503) {
      return result.retryAfter !== undefined && result.retryAfter < 60 && cap(Number.POSITIVE_INFINITY);
    }
    return false;
  }

  private send(webhook: Webhook, headers: Record<string, string>, body: string): Promise<AttemptResult> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(webhook.endpoint);
      } catch {
        resolve("error");
        return;
      }
      const withBody = webhook.http_method !== "GET" && webhook.http_method !== "DELETE";
      const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
        method: webhook.http_method,
        headers: withBody ? { ...headers, "Content-Length": String(Buffer.byteLength(body)) } : headers,
      });
      this.sockets.add(request);
      request.setTimeout(this.retry.timeoutMs, () =>
        request.destroy(new Error("webhook delivery timed out")),
      );
      request.on("error", () => {
        this.sockets.delete(request);
        resolve("error");
      });
      request.on("response", (response) => {
        response.resume();
        response.on("end", () => {
          this.sockets.delete(request);
          const retryAfter = Number(response.headers["retry-after"]);
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined,
          });
        });
      });
      request.end(withBody ? body : undefined);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function authenticationHeaders(webhook: Webhook): Record<string, string> {
  const auth = webhook.authentication;
  const data = auth?.data ?? {};
  switch (auth?.type) {
    case "basic_auth":
      return {
        Authorization: `Basic ${Buffer.from(`${data.username ?? ""}:${data.password ?? ""}`).toString("base64")}`,
      };
    case "bearer_token":
      return { Authorization: `Bearer ${data.token ?? ""}` };
    case "api_key":
      return data.name ? { [data.name]: data.value ?? "" } : {};
    default:
      return {};
  }
}
