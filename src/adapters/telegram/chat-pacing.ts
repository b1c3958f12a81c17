import { setTimeout as sleep } from "node:timers/promises";
import type { Transformer } from "grammy";
import type { Clock } from "../../ports/clock.js";

/** Waits; injected so tests move a clock instead of sleeping. */
export interface Scheduler {
  sleep(ms: number): Promise<void>;
}

export const realScheduler: Scheduler = {
  sleep: async (ms) => {
    await sleep(ms);
  },
};

/** At most `limit` messages to one chat within any `windowMs`. */
export interface PacingWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Telegram's guidance (exact limits are unpublished): about one message a second per chat, with short
 * bursts tolerated, and 20 a minute per group. Three in any three seconds keeps the average at one a second
 * and lets a reply split in three parts go out at once.
 */
export const TELEGRAM_PACING: { readonly private: PacingWindow[]; readonly group: PacingWindow[] } = {
  private: [{ limit: 3, windowMs: 3000 }],
  group: [
    { limit: 3, windowMs: 3000 },
    { limit: 20, windowMs: 60_000 },
  ],
};

/** The Bot API methods that post a message into a chat and count against its flood limit. */
const SENDING = new Set([
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendVideo",
  "sendAudio",
  "sendVoice",
  "sendAnimation",
  "sendVideoNote",
  "sendSticker",
  "sendMediaGroup",
  "sendLocation",
  "sendVenue",
  "sendContact",
  "sendPoll",
  "sendDice",
  "copyMessage",
  "copyMessages",
  "forwardMessage",
  "forwardMessages",
]);

/**
 * An API transformer that spaces out messages per chat before Telegram has to answer 429. Each call reserves
 * the earliest time its chat's windows allow, so concurrent sends to one chat queue in call order without a
 * lock, and other chats are never held up. The state lives as long as the Api object: on Lambda that is one
 * container, so concurrent invocations pace independently and auto-retry still handles any 429.
 */
export function chatPacing(clock: Clock, scheduler: Scheduler, limits = TELEGRAM_PACING): Transformer {
  const reserved = new Map<string, number[]>();
  const longest = Math.max(...[...limits.private, ...limits.group].map((w) => w.limit));

  function reserve(chatId: string, windows: readonly PacingWindow[], now: number): number {
    const times = reserved.get(chatId) ?? [];
    let at = Math.max(now, times.at(-1) ?? now);
    for (const window of windows) {
      const blocking = times.at(-window.limit);
      if (times.length >= window.limit && blocking !== undefined)
        at = Math.max(at, blocking + window.windowMs);
    }
    reserved.set(chatId, [...times, at].slice(-longest));
    return at;
  }

  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: number | string } | undefined)?.chat_id;
    if (!SENDING.has(method) || chatId === undefined) return prev(method, payload, signal);
    const isPrivate = typeof chatId === "number" && chatId > 0;
    const now = clock.now().getTime();
    const at = reserve(String(chatId), isPrivate ? limits.private : limits.group, now);
    if (at > now) await scheduler.sleep(at - now);
    return prev(method, payload, signal);
  };
}
