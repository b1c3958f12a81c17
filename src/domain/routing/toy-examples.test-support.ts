/**
 * A tiny labelled set for unit tests that need a trained model: four phrases per team, enough
 * for a linear model to separate them in well under a second.
 */
import type { Category } from "./categories.js";
import { DEFAULT_TRAINING_OPTIONS, type RoutingExample, type TrainingOptions } from "./train.js";

const phrases: Record<Category, readonly string[]> = {
  shipping: ["where is my parcel", "delivery is late", "track my package", "courier did not come"],
  payment: ["card payment declined", "charged twice", "need an invoice", "payment failed"],
  returns: ["i want a refund", "return the item", "exchange for another size", "refund not received"],
  order: ["cancel my order", "change my order", "place an order", "add an item to my order"],
  account: ["reset my password", "cannot log in", "delete my account", "create an account"],
  product: ["is it in stock", "what is the price", "the product is broken", "which size fits me"],
  other: ["talk to a human", "i want to complain", "leave a review", "opening hours"],
};

export const TOY_EXAMPLES: readonly RoutingExample[] = Object.entries(phrases).flatMap(([category, texts]) =>
  texts.map((text) => ({ text, category: category as Category })),
);

/** Small and fast: a 2^14 hashed space; no calibration, since four phrases per team cannot be held out. */
export const TOY_OPTIONS: TrainingOptions = {
  ...DEFAULT_TRAINING_OPTIONS,
  features: { ...DEFAULT_TRAINING_OPTIONS.features, hashBits: 14 },
  epochs: 30,
  calibrationFolds: 0,
};
