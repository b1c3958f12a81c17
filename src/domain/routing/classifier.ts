/**
 * Serves a trained {@link RoutingModel}: scores a customer's message and, when the customer
 * picked a category in the form, weighs that choice as evidence.
 *
 * The chosen category is not a model feature. It is treated as a noisy report of the true team
 * that is right with probability `a` (the model's `chosenCategoryAccuracy`) and otherwise names any
 * other team alike, so by Bayes' rule the posterior is the text's softmax probability times `a` for
 * the chosen team and `(1 - a) / 6` for the rest, renormalised. The text model stays calibrated on
 * its own, the form's reliability can be tuned without retraining, and a message that clearly
 * says something else still wins over a wrong pick.
 */
import { CATEGORIES, type Category } from "./categories.js";
import { decodeWeights, type RoutingModel } from "./model-format.js";
import { InvalidRoutingModelError, parseRoutingModel } from "./model-validation.js";
import { extractFeatures } from "./text-features.js";

export interface ClassifyOptions {
  /** The category the customer picked in the intake form, if any. */
  readonly chosenCategory?: Category | undefined;
}

export interface Classification {
  /** The most probable team. */
  readonly category: Category;
  /** Calibrated probability (0..1) that {@link Classification.category} is right. */
  readonly confidence: number;
  /** Probability of every team; they sum to 1. */
  readonly scores: Record<Category, number>;
}

export interface RoutingClassifier {
  classify(text: string, options?: ClassifyOptions): Classification;
}

export interface ClassifierOptions {
  /** Overrides the model's `chosenCategoryAccuracy`, e.g. once production data measures it. */
  readonly chosenCategoryAccuracy?: number;
}

/**
 * Builds a classifier from a model; validation and decoding happen once, here, not per message.
 * Throws {@link InvalidRoutingModelError} for an artefact this code cannot serve.
 */
export function createClassifier(model: RoutingModel, options: ClassifierOptions = {}): RoutingClassifier {
  parseRoutingModel(model);
  const { rowStart, rows } = decodeWeights(model);
  const classes = CATEGORIES.length;
  const accuracy = options.chosenCategoryAccuracy ?? model.chosenCategoryAccuracy;
  if (!(accuracy > 0 && accuracy < 1)) {
    throw new InvalidRoutingModelError(`chosenCategoryAccuracy must be between 0 and 1, got ${accuracy}`);
  }
  // Log-odds of the customer's pick versus one particular other team.
  const chosenBoost = Math.log((accuracy * (classes - 1)) / (1 - accuracy));

  return {
    classify(text, { chosenCategory } = {}) {
      const logits = Float64Array.from(model.bias);
      const x = extractFeatures(text, model.features);
      for (let i = 0; i < x.ids.length; i++) {
        const row = rowStart[x.ids[i] as number] as number;
        if (row < 0) continue;
        const value = x.values[i] as number;
        for (let k = 0; k < classes; k++)
          logits[k] = (logits[k] as number) + value * (rows[row + k] as number);
      }
      if (chosenCategory !== undefined) {
        const k = CATEGORIES.indexOf(chosenCategory);
        logits[k] = (logits[k] as number) + chosenBoost;
      }
      return toClassification(logits);
    },
  };
}

function toClassification(logits: Float64Array): Classification {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (z) => Math.exp(z - max));
  const total = exps.reduce((sum, e) => sum + e, 0);
  let best = 0;
  const scores = {} as Record<Category, number>;
  CATEGORIES.forEach((category, k) => {
    const p = (exps[k] as number) / total;
    scores[category] = p;
    if (p > (exps[best] as number) / total) best = k;
  });
  const category = CATEGORIES[best] as Category;
  return { category, confidence: scores[category], scores };
}
