import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook authentication for both directions, in one place. Comparisons run in constant time over fixed-size
 * digests, so neither the content nor the length of a secret leaks through timing.
 */
function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

export function constantTimeEquals(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** Whether Telegram's `X-Telegram-Bot-Api-Secret-Token` matches any accepted secret (several while rotating). */
export function telegramSecretMatches(received: string | undefined, accepted: readonly string[]): boolean {
  if (received === undefined) return false;
  // Check every candidate so the time taken does not reveal which one matched.
  return accepted.reduce((matched, secret) => constantTimeEquals(received, secret) || matched, false);
}

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: "missing-signature" | "malformed-timestamp" | "stale-timestamp" | "bad-signature" };

export const ZENDESK_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Zendesk signs `timestamp + body` with HMAC-SHA256 and sends it base64-encoded. */
export function zendeskSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret)
    .update(timestamp + rawBody, "utf8")
    .digest("base64");
}

export function verifyZendeskSignature(input: {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: string;
  secrets: readonly string[];
  now: Date;
}): SignatureVerdict {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: "missing-signature" };
  const sentAt = Date.parse(timestamp);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(timestamp) || Number.isNaN(sentAt)) {
    return { ok: false, reason: "malformed-timestamp" };
  }
  if (Math.abs(input.now.getTime() - sentAt) > ZENDESK_SIGNATURE_TOLERANCE_SECONDS * 1000) {
    return { ok: false, reason: "stale-timestamp" };
  }
  const matched = input.secrets.reduce(
    (found, secret) =>
      constantTimeEquals(signature, zendeskSignature(secret, timestamp, input.rawBody)) || found,
    false,
  );
  return matched ? { ok: true } : { ok: false, reason: "bad-signature" };
}
