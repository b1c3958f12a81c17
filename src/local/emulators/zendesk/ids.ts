import { randomBytes, randomUUID } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID, the id format Zendesk uses for webhooks (e.g. `01GK8E6BKWMJZD2T8Y5AXJQMG5`). */
export function ulid(now: Date): string {
  let time = now.getTime();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = (CROCKFORD[time % 32] ?? "0") + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = "";
  for (let i = 0; i < 16; i++) tail += CROCKFORD[(bytes[i] ?? 0) % 32] ?? "0";
  return head + tail;
}

/** Opaque alphanumeric token (upload tokens, API tokens, attachment tokens). */
export function randomToken(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length] ?? "a";
  return out;
}

export const uuid = (): string => randomUUID();

/** Zendesk timestamps are ISO-8601 UTC without fractional seconds: `2026-11-25T12:00:00Z`. */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Monotonic id sequences, one per record kind, so ids look like Zendesk's and never collide within a kind. */
export class IdSequence {
  private next: number;
  constructor(start: number) {
    this.next = start;
  }
  take(): number {
    return this.next++;
  }
  /** The id the next `take` returns. */
  peek(): number {
    return this.next;
  }
  /** Keeps the sequence ahead of an explicitly seeded id. */
  reserve(id: number): void {
    if (id >= this.next) this.next = id + 1;
  }
}
