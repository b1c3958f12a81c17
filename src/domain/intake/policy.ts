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
  /** A form left untouched this long gets one reminder before it expires; 0 for none. */
  readonly formReminderSeconds: number;
  /** Help Center articles offered between the description and the summary. */
  readonly knowledgeBase: { readonly enabled: boolean; readonly maxArticles: number };
}

export function categoryPolicy(policy: IntakePolicy, category: Category): CategoryPolicy {
  const found = policy.categories.find((c) => c.id === category);
  if (!found) throw new Error(`category ${category} is not offered by the intake policy`);
  return found;
}

/** Cyrillic capitals that look like Latin ones: a Russian keyboard types "А-10023" for "A-10023". */
const LATIN_LOOKALIKE: Readonly<Record<string, string>> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
};

/**
 * Customers type order IDs with stray spaces, lower case, Cyrillic look-alike letters and "№" for "#";
 * compare in one canonical form.
 */
export function normalizeOrderId(raw: string): string {
  return raw
    .trim()
    .replace(/\s+/g, "")
    .toUpperCase()
    .replace(/[АВЕКМНОРСТУХ]/g, (letter) => LATIN_LOOKALIKE[letter] ?? letter)
    .replace(/^№/, "#");
}

/** A prefix and its digits, typed apart: "A 10023", "AB 123456". */
const SPACED_ORDER_ID = /^\s*(\p{L}{1,2})\s+(\d+)\s*$/u;
/** Words that mean "number" before one; "No 12345" is order 12345, not NO12345. */
const NUMBER_WORDS = new Set(["NO", "NR", "N"]);

/**
 * The order ID the customer typed, canonical, or undefined: a prefix of one or two letters and its digits
 * typed apart ("A 10023"), the one word of the text that is an order ID ("A-10023", "Order #A-55555", "номер
 * заказа B-77001"), or else the whole text with its spaces taken out ("AB 1234"). Words before the whole
 * text, so a word before the ID ("вот A-10023") is never glued onto it; two different candidates are no
 * answer.
 */
export function orderIdIn(policy: IntakePolicy, raw: string): string | undefined {
  const spaced = SPACED_ORDER_ID.exec(raw);
  const prefix = spaced ? normalizeOrderId(spaced[1] ?? "") : "";
  if (spaced && !NUMBER_WORDS.has(prefix)) {
    const joined = normalizeOrderId(`${prefix}${spaced[2]}`);
    if (policy.orderId.pattern.test(joined)) return joined;
  }
  const candidates = new Set(
    raw
      .split(/[\s,;:()"'«»]+/)
      .map((word) => normalizeOrderId(word.replace(/[.!?]+$/, "")))
      .flatMap((word) => [word, word.replace(/^#/, "")])
      .filter((word) => word !== "" && policy.orderId.pattern.test(word)),
  );
  const [only, ...others] = candidates;
  // "#12345" and "12345" are one candidate written two ways.
  if (only !== undefined)
    return others.every((other) => other.replace(/^#/, "") === only.replace(/^#/, "")) ? only : undefined;
  const whole = normalizeOrderId(raw);
  return policy.orderId.pattern.test(whole) ? whole : undefined;
}
