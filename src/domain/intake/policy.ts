import type { Category } from "../routing/categories.js";

/** Whether a category asks for an order ID: required, optional (an "I don't have one" button), or not at all. */
export type OrderIdRule = "required" | "optional" | "skip";

export interface CategoryPolicy {
  readonly id: Category;
  readonly orderId: OrderIdRule;
  /** Urgent is offered first with a hint, e.g. failed payments. */
  readonly suggestUrgent: boolean;
}

/** Everything a deployer can tune about the intake form (config/intake-form.json). */
export interface IntakePolicy {
  readonly categories: readonly CategoryPolicy[];
  readonly orderId: { readonly pattern: RegExp; readonly example: string };
  readonly description: {
    readonly maxChars: number;
    readonly maxParts: number;
    readonly maxAttachments: number;
  };
  readonly formTtlSeconds: number;
  /** Help Center articles offered between the description and the summary. */
  readonly knowledgeBase: { readonly enabled: boolean; readonly maxArticles: number };
}

export function categoryPolicy(policy: IntakePolicy, category: Category): CategoryPolicy {
  const found = policy.categories.find((c) => c.id === category);
  if (!found) throw new Error(`category ${category} is not offered by the intake policy`);
  return found;
}

/** Customers type order IDs with stray spaces and lower case; compare in one canonical form. */
export function normalizeOrderId(raw: string): string {
  return raw.trim().replace(/\s+/g, "").toUpperCase();
}

export function isValidOrderId(policy: IntakePolicy, raw: string): boolean {
  return policy.orderId.pattern.test(normalizeOrderId(raw));
}
