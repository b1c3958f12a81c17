import { badRequest } from "./errors.js";
import type { ApiResponse } from "./router.js";

const LIFETIME_MS = 2 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

interface Entry {
  fingerprint: string;
  response: ApiResponse;
  expiresAt: number;
}

export type IdempotencyLookup = { kind: "miss" } | { kind: "hit"; response: ApiResponse };

/**
 * `Idempotency-Key` support for ticket creation: a key lives 2 hours (per the injected clock); the same
 * key with the same body replays the stored response, a different body is a 400 IdempotentRequestError.
 * Only successful responses are stored, so a request rejected by validation can be fixed and resent.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => Date) {}

  lookup(key: string, fingerprint: string): IdempotencyLookup {
    if (key.length > MAX_KEY_LENGTH) {
      throw badRequest(
        "IdempotentRequestError",
        `Idempotency key is too long (maximum is ${MAX_KEY_LENGTH} characters)`,
      );
    }
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now().getTime()) {
      this.entries.delete(key);
      return { kind: "miss" };
    }
    if (entry.fingerprint !== fingerprint) {
      throw badRequest(
        "IdempotentRequestError",
        "Request parameters do not match the original request with the same idempotency key",
      );
    }
    return { kind: "hit", response: entry.response };
  }

  store(key: string, fingerprint: string, response: ApiResponse): void {
    this.entries.set(key, { fingerprint, response, expiresAt: this.now().getTime() + LIFETIME_MS });
  }
}
