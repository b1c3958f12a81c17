import { describe, expect, it } from "vitest";
import { decodeWeights, encodeWeights, MODEL_FORMAT, type RoutingModel } from "./model-format.js";

describe("encodeWeights / decodeWeights", () => {
  const classes = 2;
  // Feature 1: large weights; feature 3: below the pruning threshold; the rest zero.
  const dense = Float64Array.from([0, 0, 0.26, -0.74, 0, 0, 0.04, -0.02, 0, 0]);
  const encoded = encodeWeights(dense, classes, 0.05, 0.1);

  it("keeps only features with a weight at or above the threshold, delta-encoding their ids", () => {
    expect(encoded.idDeltas).toEqual([1]);
    expect(encoded.weights).toEqual([5, -15]);
  });

  it("decodes back to the quantised weights, leaving pruned features out", () => {
    const model: RoutingModel = {
      format: MODEL_FORMAT,
      categories: ["shipping", "payment"],
      features: {
        hashBits: 3,
        wordNgramMax: 1,
        charNgramMin: 2,
        charNgramMax: 2,
        wordWeight: 1,
        charWeight: 1,
      },
      chosenCategoryAccuracy: 0.8,
      bias: [0, 0],
      weightStep: 0.05,
      ...encoded,
      training: { dataHash: "", codeVersion: 1, examples: 0, seed: 0, temperature: 1 },
    };
    const { rowStart, rows } = decodeWeights(model);
    expect(rowStart[1]).toBe(0);
    expect(rowStart[3]).toBe(-1);
    expect(Array.from(rows)).toEqual([0.25, -0.75]);
  });
});
