/**
 * The teams a support request can be routed to. They match the intake menu the customer sees in
 * Telegram, so the same values serve as the form's "chosen category" and as the router's answer.
 */
export const CATEGORIES = ["shipping", "payment", "returns", "order", "account", "product", "other"] as const;

/** One routing team. */
export type Category = (typeof CATEGORIES)[number];

/** The team that triages requests nobody else can claim, and where low-confidence requests go. */
export const TRIAGE_CATEGORY: Category = "other";

const categorySet: ReadonlySet<string> = new Set(CATEGORIES);

/** Narrows untrusted input (a form value, a JSONL field) to a {@link Category}. */
export function isCategory(value: unknown): value is Category {
  return typeof value === "string" && categorySet.has(value);
}
