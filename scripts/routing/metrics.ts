/**
 * Evaluation arithmetic: accuracy, per-category precision/recall/F1, the confusion matrix and
 * calibration (how often predictions at a given confidence are right).
 */
import { CATEGORIES, type Category } from "../../src/domain/routing/categories.js";

/** One scored example. */
export interface Prediction {
  readonly truth: Category;
  readonly predicted: Category;
  readonly confidence: number;
}

export interface CategoryStats {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export function accuracy(predictions: readonly Prediction[]): number {
  return predictions.filter((p) => p.truth === p.predicted).length / Math.max(predictions.length, 1);
}

/** `matrix[t][p]` counts examples of true category t predicted as p, in CATEGORIES order. */
export function confusionMatrix(predictions: readonly Prediction[]): number[][] {
  const matrix = CATEGORIES.map(() => CATEGORIES.map(() => 0));
  for (const { truth, predicted } of predictions) {
    const row = matrix[CATEGORIES.indexOf(truth)] as number[];
    const column = CATEGORIES.indexOf(predicted);
    row[column] = (row[column] as number) + 1;
  }
  return matrix;
}

export function perCategory(predictions: readonly Prediction[]): Record<Category, CategoryStats> {
  const stats = {} as Record<Category, CategoryStats>;
  for (const category of CATEGORIES) {
    const truePositives = predictions.filter((p) => p.truth === category && p.predicted === category).length;
    const predicted = predictions.filter((p) => p.predicted === category).length;
    const support = predictions.filter((p) => p.truth === category).length;
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    stats[category] = { precision, recall, f1, support };
  }
  return stats;
}

export interface CalibrationBin {
  readonly low: number;
  readonly high: number;
  readonly count: number;
  readonly meanConfidence: number;
  readonly accuracy: number;
}

/** Groups predictions by confidence into bins with the given lower edges (ascending). */
export function calibrationBins(
  predictions: readonly Prediction[],
  edges: readonly number[],
): CalibrationBin[] {
  return edges.map((low, i) => {
    const high = edges[i + 1] ?? 1.000001;
    const inBin = predictions.filter((p) => p.confidence >= low && p.confidence < high);
    const meanConfidence = inBin.reduce((sum, p) => sum + p.confidence, 0) / Math.max(inBin.length, 1);
    return { low, high: Math.min(high, 1), count: inBin.length, meanConfidence, accuracy: accuracy(inBin) };
  });
}

/** Expected calibration error: the count-weighted gap between confidence and accuracy. */
export function expectedCalibrationError(predictions: readonly Prediction[]): number {
  const edges = Array.from({ length: 10 }, (_, i) => i / 10);
  return calibrationBins(predictions, edges).reduce(
    (sum, bin) => sum + (bin.count / predictions.length) * Math.abs(bin.accuracy - bin.meanConfidence),
    0,
  );
}
