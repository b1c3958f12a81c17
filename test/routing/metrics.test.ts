import { describe, expect, it } from "vitest";
import {
  accuracy,
  calibrationBins,
  confusionMatrix,
  expectedCalibrationError,
  type Prediction,
  perCategory,
} from "../../scripts/routing/metrics.js";

const predictions: Prediction[] = [
  { truth: "shipping", predicted: "shipping", confidence: 0.9 },
  { truth: "shipping", predicted: "order", confidence: 0.6 },
  { truth: "order", predicted: "order", confidence: 0.95 },
  { truth: "payment", predicted: "payment", confidence: 0.55 },
];

describe("evaluation metrics", () => {
  it("computes accuracy", () => {
    expect(accuracy(predictions)).toBe(0.75);
  });

  it("computes precision, recall and F1 per category", () => {
    const stats = perCategory(predictions);
    expect(stats.order).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3, support: 1 });
    expect(stats.shipping).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(stats.returns).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it("counts true categories in rows and predictions in columns", () => {
    const matrix = confusionMatrix(predictions);
    expect(matrix[0]).toEqual([1, 0, 0, 1, 0, 0, 0]);
    expect(matrix[3]).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it("bins predictions by confidence", () => {
    const [low, high] = calibrationBins(predictions, [0, 0.8]);
    expect(low).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(high).toMatchObject({ count: 2, accuracy: 1 });
  });

  it("measures the gap between confidence and accuracy", () => {
    // Bins [0.9, 1): two right at mean 0.925; [0.6, 0.7): one wrong at 0.6; [0.5, 0.6): one right at 0.55.
    expect(expectedCalibrationError(predictions)).toBeCloseTo((2 * 0.075 + 0.6 + 0.45) / 4, 10);
  });
});
