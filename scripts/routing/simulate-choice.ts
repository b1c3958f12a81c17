/**
 * Simulated form choices for evaluation: the customer picks the right category most of the time,
 * a wrong one sometimes and none at all otherwise. Seeded, so every run scores the same choices.
 */
import { CATEGORIES, type Category } from "../../src/domain/routing/categories.js";
import { createRandom } from "../../src/domain/routing/random.js";

export interface ChoiceMix {
  readonly right: number;
  readonly wrong: number;
}

/** 80% right, 10% wrong, 10% skipped: a guess until production data says otherwise. */
export const DEFAULT_CHOICE_MIX: ChoiceMix = { right: 0.8, wrong: 0.1 };

/** One simulated choice per true category, in order; `undefined` means the customer skipped the menu. */
export function simulateChoices(
  truth: readonly Category[],
  mix: ChoiceMix = DEFAULT_CHOICE_MIX,
  seed = 7,
): (Category | undefined)[] {
  const random = createRandom(seed);
  return truth.map((category) => {
    const roll = random();
    const pick = Math.floor(random() * (CATEGORIES.length - 1));
    if (roll < mix.right) return category;
    if (roll >= mix.right + mix.wrong) return undefined;
    return CATEGORIES.filter((c) => c !== category)[pick];
  });
}
