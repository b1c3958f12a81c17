import { describe, expect, it } from "vitest";
import type { CustomerChannel } from "../../ports/customer-channel.js";
import type { Nudge, Nudges } from "../../ports/nudges.js";
import { sendDueNudges } from "./nudges.js";

const T0 = new Date("2026-11-26T12:00:00Z");
const question = (chatId: number): Nudge => ({
  kind: "unanswered-question",
  chatId,
  heldKey: String(chatId),
  questionMessageId: 7,
  newRequestOnly: false,
  locale: "en",
  dueAt: T0.getTime() / 1000 - 60,
});

/** Nudges held in memory; each Telegram send takes `sendMs` of the injected clock. */
function fakes(due: Nudge[], sendMs: number) {
  let now = T0.getTime();
  const claimed: number[] = [];
  const sent: number[] = [];
  const nudges: Nudges = {
    due: async () => due,
    claim: async (nudge) => {
      claimed.push(nudge.chatId);
      return true;
    },
    giveBack: async () => undefined,
  };
  const customers = {
    notify: async (chatId: number) => {
      now += sendMs;
      sent.push(chatId);
    },
  } as unknown as CustomerChannel;
  const deps = { nudges, customers, clock: { now: () => new Date(now) }, warn: () => undefined };
  return { deps, claimed, sent };
}

describe("sendDueNudges", () => {
  it("sends every nudge that fell due, once each", async () => {
    const f = fakes([question(1), question(2), question(3)], 50);
    expect(await sendDueNudges(f.deps)).toEqual({ sent: 3, failed: 0 });
    expect(f.sent).toEqual([1, 2, 3]);
  });

  it("claims no more once a slow Telegram has used the scan's budget, leaving the rest due", async () => {
    const f = fakes([question(1), question(2), question(3), question(4)], 8_000);
    expect(await sendDueNudges(f.deps)).toEqual({ sent: 3, failed: 0 });
    expect(f.claimed).toEqual([1, 2, 3]);
  });
});
