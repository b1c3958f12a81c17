/**
 * The pending-update queue behind both delivery modes. With a webhook set, updates are POSTed one at a time in
 * order, resent on a non-2xx answer or a network error up to `attempts` times, then dropped (Telegram retries
 * longer, but also gives up eventually); a JSON answer carrying `method` is executed as a webhook reply, as
 * Telegram does. Without a webhook, updates wait for `getUpdates`, which confirms them by `offset`.
 */
import { BotApiError, Descriptions } from "./errors.js";

export interface WebhookRetry {
  /** Delivery attempts per update, the first included. */
  attempts: number;
  delayMs: number;
  /** How long one POST may take before it counts as failed (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookConfig {
  url: string;
  secretToken?: string | undefined;
  allowedUpdates?: string[] | undefined;
  maxConnections: number;
  ipAddress?: string | undefined;
}

export interface DeliveryRecord {
  updateId: number;
  attempt: number;
  at: Date;
  status?: number;
  error?: string;
}

interface QueuedUpdate {
  updateId: number;
  body: unknown;
  settle: () => void;
}

interface PendingPoll {
  limit: number;
  resolve: (updates: unknown[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Update kinds Telegram leaves out unless `allowed_updates` names them. */
const OPT_IN_UPDATES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

export const updateType = (body: unknown): string | undefined =>
  typeof body === "object" && body !== null
    ? Object.keys(body).find((key) => key !== "update_id")
    : undefined;

export class UpdateDispatcher {
  readonly deliveries: DeliveryRecord[] = [];
  private pending: QueuedUpdate[] = [];
  private hook: WebhookConfig | undefined;
  private allowed: string[] | undefined;
  private lastError: { date: number; message: string } | undefined;
  private pumping = false;
  private poll: PendingPoll | undefined;
  private idleWaiters: Array<() => void> = [];
  private readonly aborter = new AbortController();
  private closed = false;

  constructor(
    private readonly retry: WebhookRetry,
    private readonly now: () => Date,
    private readonly onWebhookReply: (reply: Record<string, unknown>) => Promise<void>,
  ) {}

  get webhook(): WebhookConfig | undefined {
    return this.hook;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get lastDeliveryError(): { date: number; message: string } | undefined {
    return this.lastError;
  }

  get allowedUpdates(): string[] | undefined {
    return this.allowed;
  }

  /** Queues an update; resolves once a webhook took it (or gave up on it), at once in polling mode. */
  enqueue(updateId: number, body: unknown): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.pending.push({ updateId, body, settle: resolve });
      if (this.hook) {
        void this.pump();
      } else {
        resolve();
        this.wakePoll();
      }
    });
  }

  setWebhook(config: WebhookConfig, dropPending: boolean): void {
    if (dropPending) this.dropPending();
    this.hook = config;
    if (config.allowedUpdates !== undefined) this.allowed = config.allowedUpdates;
    this.lastError = undefined;
    if (this.poll) this.finishPoll(new BotApiError(409, Descriptions.webhookConflict));
    void this.pump();
  }

  deleteWebhook(dropPending: boolean): void {
    if (dropPending) this.dropPending();
    this.hook = undefined;
    // What is left now waits for getUpdates, and whoever awaited a webhook delivery stops waiting.
    for (const item of this.pending) item.settle();
    this.notifyIdle();
  }

  /** Long polling. `offset` confirms every update before it; a negative one keeps only the last -offset. */
  getUpdates(offset: number, limit: number, timeoutSeconds: number, allowed?: string[]): Promise<unknown[]> {
    if (allowed !== undefined) this.allowed = allowed;
    if (offset < 0) {
      this.pending = this.pending.slice(offset);
    } else if (offset > 0) {
      this.pending = this.pending.filter((item) => item.updateId >= offset);
    }
    const ready = this.takeReady(limit);
    if (ready.length > 0 || timeoutSeconds <= 0 || this.closed) return Promise.resolve(ready);
    if (this.poll) this.finishPoll(new BotApiError(409, Descriptions.pollConflict));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.finishPoll([]), timeoutSeconds * 1000);
      this.poll = { limit, resolve, reject, timer };
    });
  }

  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.aborter.abort();
    if (this.poll) this.finishPoll([]);
    this.dropPending();
    this.notifyIdle();
  }

  private isAllowed(body: unknown): boolean {
    const type = updateType(body);
    if (type === undefined) return true;
    if (this.allowed === undefined || this.allowed.length === 0) return !OPT_IN_UPDATES.has(type);
    return this.allowed.includes(type);
  }

  private takeReady(limit: number): unknown[] {
    // Kinds the bot did not ask for are dropped, not kept for later, as on Telegram.
    const dropped = this.pending.filter((item) => !this.isAllowed(item.body));
    this.pending = this.pending.filter((item) => this.isAllowed(item.body));
    for (const item of dropped) item.settle();
    return this.pending.slice(0, limit).map((item) => item.body);
  }

  private wakePoll(): void {
    if (!this.poll) return;
    const ready = this.takeReady(this.poll.limit);
    if (ready.length > 0) this.finishPoll(ready);
  }

  private finishPoll(outcome: unknown[] | Error): void {
    const poll = this.poll;
    if (!poll) return;
    this.poll = undefined;
    clearTimeout(poll.timer);
    if (outcome instanceof Error) poll.reject(outcome);
    else poll.resolve(outcome);
  }

  private dropPending(): void {
    const dropped = this.pending;
    this.pending = [];
    for (const item of dropped) item.settle();
  }

  private isIdle(): boolean {
    return !this.pumping && (this.hook === undefined || this.pending.length === 0);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let item = this.pending[0]; item && this.hook && !this.closed; item = this.pending[0]) {
        const hook = this.hook;
        const done = !this.isAllowed(item.body) || (await this.deliver(item, hook)) || this.hook === hook;
        if (!done) break;
        this.pending = this.pending.filter((queued) => queued !== item);
        item.settle();
      }
    } finally {
      this.pumping = false;
      // A webhook replaced mid-delivery takes over what is left.
      if (this.hook && this.pending.length > 0 && !this.closed) void this.pump();
      else this.notifyIdle();
    }
  }

  /** POSTs one update until it is accepted or the attempts run out; true when the webhook accepted it. */
  private async deliver(item: QueuedUpdate, hook: WebhookConfig): Promise<boolean> {
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.retry.delayMs));
      if (this.hook !== hook || this.closed) return false;
      const record: DeliveryRecord = { updateId: item.updateId, attempt, at: this.now() };
      this.deliveries.push(record);
      try {
        const response = await fetch(hook.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(hook.secretToken ? { "x-telegram-bot-api-secret-token": hook.secretToken } : {}),
          },
          body: JSON.stringify(item.body),
          signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.retry.timeoutMs ?? 10_000)]),
        });
        record.status = response.status;
        const text = await response.text();
        if (response.ok) {
          await this.runWebhookReply(response.headers.get("content-type"), text);
          return true;
        }
        this.fail(record, `Wrong response from the webhook: ${response.status} ${response.statusText}`);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        this.fail(record, timedOut ? "Read timeout expired" : "Connection refused");
      }
    }
    return false;
  }

  private fail(record: DeliveryRecord, message: string): void {
    record.error = message;
    this.lastError = { date: Math.floor(this.now().getTime() / 1000), message };
  }

  private async runWebhookReply(contentType: string | null, text: string): Promise<void> {
    if (!contentType?.includes("application/json") || text.trim() === "") return;
    try {
      const reply: unknown = JSON.parse(text);
      if (typeof reply === "object" && reply !== null && "method" in reply) {
        await this.onWebhookReply(reply as Record<string, unknown>);
      }
    } catch {
      // Telegram ignores an answer it cannot use.
    }
  }
}
