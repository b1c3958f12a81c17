import type { Locale } from "../domain/events.js";
import type { Category } from "../domain/routing/categories.js";

/**
 * Something the customer started and left that they would want to hear about once: a message still waiting
 * for them to choose its request (it has reached no one), or a form not sent before it expires. `dueAt`
 * (epoch seconds) is when it fell due; a nudge is claimed only while what it is about is as it was then.
 */
export type Nudge =
  | {
      readonly kind: "unanswered-question";
      readonly chatId: number;
      readonly heldKey: string;
      readonly questionMessageId: number;
      /** The question offers only a new request (the customer has no ticket to add to). */
      readonly newRequestOnly: boolean;
      readonly locale: Locale;
      readonly dueAt: number;
    }
  | {
      readonly kind: "unfinished-form";
      readonly chatId: number;
      readonly formId: string;
      readonly category?: Category;
      /** When the form expires (epoch seconds). */
      readonly formExpiresAt: number;
      readonly locale: Locale;
      readonly dueAt: number;
    };

/** Nudges as the scanner sees them: what is due, claimed once before it is sent, given back if it was not. */
export interface Nudges {
  /** What fell due by `now`, at most `limit`; nudges whose subject is gone are dropped on the way. */
  due(now: Date, limit: number): Promise<Nudge[]>;
  /** False when another scan claimed it, or the customer moved on meanwhile (answered, typed, sent the form). */
  claim(nudge: Nudge, now: Date): Promise<boolean>;
  /** The nudge could not be sent: the next scan tries again, unless the customer moved on meanwhile. */
  giveBack(nudge: Nudge): Promise<void>;
}
