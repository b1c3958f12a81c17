/**
 * Naive Bayes baselines for the method comparison (not shipped): multinomial NB, the baseline
 * quoted in the data README, and complement NB (Rennie et al. 2003), which is known to do better
 * on unbalanced classes.
 */
import { CATEGORIES, type Category } from "../../../src/domain/routing/categories.js";
import { countFeatures, type FeatureOptions } from "../../../src/domain/routing/text-features.js";
import type { RoutingExample } from "../../../src/domain/routing/train.js";

export type Predictor = (text: string) => Category;

function mergedCounts(text: string, options: FeatureOptions): Map<number, number> {
  const { words, chars } = countFeatures(text, options);
  const merged = new Map(words);
  for (const [id, count] of chars) merged.set(id, (merged.get(id) ?? 0) + count);
  return merged;
}

/** Per-class feature totals over the training set. */
function classTotals(examples: readonly RoutingExample[], options: FeatureOptions) {
  const perClass = CATEGORIES.map(() => new Map<number, number>());
  const docs = CATEGORIES.map(() => 0);
  const vocabulary = new Set<number>();
  for (const example of examples) {
    const k = CATEGORIES.indexOf(example.category);
    docs[k] = (docs[k] ?? 0) + 1;
    const target = perClass[k] as Map<number, number>;
    for (const [id, count] of mergedCounts(example.text, options)) {
      target.set(id, (target.get(id) ?? 0) + count);
      vocabulary.add(id);
    }
  }
  return { perClass, docs, vocabularySize: vocabulary.size };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function argmax(scores: readonly number[]): Category {
  let best = 0;
  scores.forEach((score, k) => {
    if (score > (scores[best] as number)) best = k;
  });
  return CATEGORIES[best] as Category;
}

/** Multinomial naive Bayes with additive smoothing `alpha`. */
export function trainMultinomialNb(
  examples: readonly RoutingExample[],
  options: FeatureOptions,
  alpha: number,
): Predictor {
  const { perClass, docs, vocabularySize } = classTotals(examples, options);
  const totals = perClass.map((counts) => sum(counts.values()));
  return (text) => {
    const counts = mergedCounts(text, options);
    return argmax(
      perClass.map((classCounts, k) => {
        const denominator = (totals[k] as number) + alpha * vocabularySize;
        let score = Math.log((docs[k] as number) / examples.length);
        for (const [id, count] of counts)
          score += count * Math.log(((classCounts.get(id) ?? 0) + alpha) / denominator);
        return score;
      }),
    );
  };
}

/** Complement naive Bayes: scores a class by how unlike the other classes the text is. */
export function trainComplementNb(
  examples: readonly RoutingExample[],
  options: FeatureOptions,
  alpha: number,
): Predictor {
  const { perClass, vocabularySize } = classTotals(examples, options);
  const all = new Map<number, number>();
  for (const counts of perClass) for (const [id, count] of counts) all.set(id, (all.get(id) ?? 0) + count);
  const grandTotal = sum(all.values());
  return (text) => {
    const counts = mergedCounts(text, options);
    return argmax(
      perClass.map((classCounts) => {
        const denominator = grandTotal - sum(classCounts.values()) + alpha * vocabularySize;
        let score = 0;
        for (const [id, count] of counts) {
          const complement = (all.get(id) ?? 0) - (classCounts.get(id) ?? 0);
          score -= count * Math.log((complement + alpha) / denominator);
        }
        return score;
      }),
    );
  };
}
