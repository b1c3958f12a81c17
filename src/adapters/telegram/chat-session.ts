import { ConcurrentModification } from "../../domain/errors.js";
import type { ChatSession, IntakeStore, RequestRecord } from "../../ports/intake-store.js";
import type { BridgeContext } from "./bot-context.js";
import { pickLocale } from "./i18n.js";

/** What a handler wants done with the chat session it was given. */
export interface SessionPlan {
  /** The session to store; omitted when nothing changes. */
  readonly next?: ChatSession;
  /** Store this request together with `next`, atomically. */
  readonly submit?: RequestRecord;
  /** Runs only after the write succeeded: replies must not announce what was not stored. */
  readonly afterCommit?: () => unknown;
  /** Undoes work done before the write (e.g. a message sent to get its id) when the write lost a race. */
  readonly onConflict?: () => unknown;
}

const ATTEMPTS = 3;

/**
 * Reads the chat's session, lets `decide` plan the change, and stores it only if no other update of the
 * same chat wrote in between; on such a race it starts over from a fresh read. The store marks the
 * delivery done in the same atomic write.
 */
export async function withChatSession(
  ctx: BridgeContext,
  store: IntakeStore,
  decide: (session: ChatSession) => Promise<SessionPlan>,
  onGiveUp: () => Promise<unknown>,
): Promise<void> {
  const chatKey = String(ctx.chat?.id);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const session = (await store.read(chatKey)) ?? { version: 0 };
    ctx.locale = pickLocale(session.locale, ctx.from?.language_code);
    const plan = await decide(session);
    if (!plan.next) {
      await plan.afterCommit?.();
      return;
    }
    const options = { completes: ctx.delivery.key };
    try {
      if (plan.submit) await store.submit(chatKey, plan.next, plan.submit, options);
      else await store.write(chatKey, plan.next, options);
    } catch (error) {
      if (!(error instanceof ConcurrentModification)) throw error;
      await plan.onConflict?.();
      continue;
    }
    ctx.delivery.completed = true;
    await plan.afterCommit?.();
    return;
  }
  await onGiveUp();
}
