import type { Attachment, Priority, SuggestedArticle } from "../events.js";
import type { Category } from "../routing/categories.js";

export type FormStep = "category" | "orderId" | "priority" | "description" | "articles" | "summary" | "edit";
export type EditableField = "category" | "orderId" | "priority" | "description";

/** A customer's request while they fill it in. One per chat at a time; submitted requests live on. */
export interface IntakeForm {
  /** Short id carried in button data, so a button from an older form is recognised as stale. */
  readonly formId: string;
  readonly requestId: string;
  readonly step: FormStep;
  /** Set while one field is being edited from the summary: answering it goes back to the summary. */
  readonly returnToSummary: boolean;
  readonly category?: Category;
  /** `null` when the customer said they have no order ID. */
  readonly orderId?: string | null;
  readonly priority?: Priority;
  readonly descriptionParts: readonly string[];
  /**
   * The Telegram message ids of the typed parts, the last `descriptionOrder.length` of `descriptionParts`, so
   * that a message delivered before an earlier one still takes its place.
   */
  readonly descriptionOrder?: readonly number[];
  readonly attachments: readonly Attachment[];
  /**
   * What the customer wrote just before opening the form (the messages the bot answered with "New request"):
   * it opens the description when the form gets there, so nothing they said is lost. `messages` counts
   * them (absent: one).
   */
  readonly carried?: {
    readonly parts: readonly string[];
    readonly attachments: readonly Attachment[];
    readonly messages?: number;
  };
  /** The description an edit is replacing, kept until the new one is done so Back can restore it. */
  readonly replacedDescription?: {
    readonly parts: readonly string[];
    readonly attachments: readonly Attachment[];
  };
  /**
   * Cancel was pressed on a form holding a description: the customer confirms before it is thrown away
   * (one stray tap must not lose a long text), or keeps the form as it was.
   */
  readonly confirmingCancel?: boolean;
  /** Help Center articles offered for the description (at most once per form); the ticket lists them. */
  readonly suggestedArticles?: readonly SuggestedArticle[];
  readonly startedAt: string;
}

export function newForm(
  ids: { formId: string; requestId: string },
  now: Date,
  carried?: IntakeForm["carried"],
): IntakeForm {
  const hasContent = carried !== undefined && carried.parts.length + carried.attachments.length > 0;
  return {
    ...ids,
    step: "category",
    returnToSummary: false,
    descriptionParts: [],
    attachments: [],
    ...(hasContent ? { carried } : {}),
    startedAt: now.toISOString(),
  };
}

/** The description as Zendesk gets it: the customer's messages in order, separated by blank lines. */
export function fullDescription(form: Pick<IntakeForm, "descriptionParts">): string {
  return form.descriptionParts.join("\n\n");
}
