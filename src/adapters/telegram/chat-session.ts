import { ConcurrentModification } from "../../domain/errors.js";
import type { ChatSession, IntakeStore, RequestRecord } from "../../ports/intake-store.js";
import type { BridgeContext } from "./bot-context.js";
import { pickLocale } from "./i18n.js";

/** What a handler wants done with the chat session it was given. */
export interface SessionPlan {
  /** The session to store; omitted when only the update's receipt changes. */
  readonly next?: Omit<ChatSession, "recentUpdateIds">;
  /** A request to record before the session is stored. */
  readonly submit?: RequestRecord;
  /** Runs only after the write succeeded: replies must not announce what was not stored. */
  readonly afterCommit?: () => unknown;
  /** Undoes work done before the write (e.g. a message sent to get its id) when the write lost a race. */
  readonly onConflict?: () => unknown;
  /**
   * `afterCommit` repeats nothing already done when run again (it carries the customer's message on, keyed
   * by the message): should it fail, the update is taken off the session's seen list, so that Telegram's
   * redelivery runs it again instead of being skipped as seen and the message lost.
   */
  readonly rerunOnRedelivery?: boolean;
}

const ATTEMPTS = 3;
/** Telegram redelivers within minutes; a chat rarely sees this many updates in between. */
const REMEMBERED_UPDATES = 50;

/**
 * The one way handlers touch a chat: read its session, skip an update it has seen, let `decide` plan the
 * change, and store it together with the update's id only if no other update of the chat wrote in between.
 * On such a race it starts over from a fresh read; after a few lost races it gives up politely.
 */
export async function withChatSession(
  ctx: BridgeContext,
  store: IntakeStore,
  decide: (session: ChatSession) => Promise<SessionPlan>,
  onGiveUp: () => Promise<unknown>,
): Promise<void> {
  const chatKey = String(ctx.chat?.id ?? ctx.from?.id);
  const updateId = ctx.update.update_id;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const session = (await store.read(chatKey)) ?? { version: 0, recentUpdateIds: [] };
    if (session.recentUpdateIds.includes(updateId)) {
      ctx.outcome = "duplicate";
      return;
    }
    ctx.locale = pickLocale(session.locale, ctx.from?.language_code);
    const plan = await decide(session);
    const next: ChatSession = {
      ...(plan.next ?? session),
      // What the form's reminder will be written in, should the customer leave it (stored with a form only).
      formLocale: ctx.locale,
      version: session.version,
      recentUpdateIds: [...session.recentUpdateIds, updateId].slice(-REMEMBERED_UPDATES),
    };
    try {
      if (plan.submit) await store.saveRequest(plan.submit);
      await store.write(chatKey, next);
    } catch (error) {
      if (!(error instanceof ConcurrentModification)) throw error;
      await plan.onConflict?.();
      continue;
    }
    try {
      await plan.afterCommit?.();
    } catch (error) {
      if (plan.rerunOnRedelivery) await forgetUpdate(store, chatKey, updateId);
      throw error;
    }
    return;
  }
  await onGiveUp();
}

/** Best effort: when another update of the chat wrote meanwhile, the update stays seen. */
async function forgetUpdate(store: IntakeStore, chatKey: string, updateId: number): Promise<void> {
  const session = await store.read(chatKey).catch(() => undefined);
  if (!session?.recentUpdateIds.includes(updateId)) return;
  await store
    .write(chatKey, { ...session, recentUpdateIds: session.recentUpdateIds.filter((id) => id !== updateId) })
    .catch(() => undefined);
}
