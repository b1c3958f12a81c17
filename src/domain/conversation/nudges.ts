import type { Clock } from "../../ports/clock.js";
import {
  type CustomerChannel,
  type CustomerNotice,
  CustomerUnreachable,
} from "../../ports/customer-channel.js";
import type { Nudge, Nudges } from "../../ports/nudges.js";

export interface NudgeDeps {
  readonly nudges: Nudges;
  readonly customers: CustomerChannel;
  readonly clock: Clock;
  readonly warn: (message: string, details: Record<string, unknown>) => void;
}

export interface NudgeReport {
  readonly sent: number;
  readonly failed: number;
}

/** At most this many nudges a scan: the rest are due still at the next one. */
const NUDGES_PER_SCAN = 100;
/** A nudge Telegram keeps refusing is dropped after this long: late, it would no longer help. */
const RETRY_FOR_SECONDS = 3600;
/**
 * No nudge is claimed once a scan has spent this long on them: a slow or hanging Telegram must not run the
 * scanner into its timeout (60 s) with a nudge claimed and never sent. The rest wait for the next scan.
 */
const SCAN_BUDGET_MS = 20_000;

/**
 * Sends what fell due, each once: claimed before it is sent, so two scans never both send it, and given
 * back when Telegram did not take it, so the next scan tries again (for an hour; never for a customer who
 * blocked the bot).
 */
export async function sendDueNudges(deps: NudgeDeps): Promise<NudgeReport> {
  const now = deps.clock.now();
  let sent = 0;
  let failed = 0;
  for (const nudge of await deps.nudges.due(now, NUDGES_PER_SCAN)) {
    if (deps.clock.now().getTime() - now.getTime() > SCAN_BUDGET_MS) break;
    if (!(await deps.nudges.claim(nudge, now))) continue;
    try {
      await deps.customers.notify(nudge.chatId, nudge.locale, noticeFor(nudge, now));
      sent++;
    } catch (error) {
      failed++;
      const late = now.getTime() / 1000 - nudge.dueAt > RETRY_FOR_SECONDS;
      if (!(error instanceof CustomerUnreachable) && !late) await deps.nudges.giveBack(nudge);
      deps.warn("could not send a nudge; the next scan tries again", {
        kind: nudge.kind,
        chatId: nudge.chatId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { sent, failed };
}

function noticeFor(nudge: Nudge, now: Date): CustomerNotice {
  if (nudge.kind === "unanswered-question")
    return {
      kind: "question-unanswered",
      questionMessageId: nudge.questionMessageId,
      newRequestOnly: nudge.newRequestOnly,
    };
  const secondsLeft = nudge.formExpiresAt - now.getTime() / 1000;
  return {
    kind: "unsent-form",
    formId: nudge.formId,
    ...(nudge.category === undefined ? {} : { category: nudge.category }),
    hoursLeft: Math.max(1, Math.floor(secondsLeft / 3600)),
  };
}
