import { describe, expect, it } from "vitest";
import { type LabelledVector, linearScores, softmaxInPlace, trainLinearSgd } from "./linear-sgd.js";

// Three classes, each signalled by its own feature id, plus a shared noise feature.
const vector = (id: number): LabelledVector["x"] => ({
  ids: Int32Array.from([id, 3]),
  values: Float64Array.from([1, 0.5]),
});
const data: LabelledVector[] = [0, 1, 2].flatMap((label) =>
  Array.from({ length: 5 }, () => ({ x: vector(label), label })),
);
const options = { classes: 3, dimension: 4, epochs: 10, l2: 1e-4, learningRate: 0.5, seed: 1 };

describe("trainLinearSgd", () => {
  for (const loss of ["log", "hinge"] as const) {
    it(`separates linearly separable classes with the ${loss} loss`, () => {
      const model = trainLinearSgd(data, { ...options, loss });
      for (const label of [0, 1, 2]) {
        const scores = linearScores(model, vector(label));
        expect(scores.indexOf(Math.max(...scores))).toBe(label);
      }
    });
  }

  it("gives zero-weight examples no influence", () => {
    const ignored = data.map((example) => ({ ...example, label: (example.label + 1) % 3, weight: 0 }));
    const model = trainLinearSgd([...data, ...ignored], { ...options, loss: "log" });
    const scores = linearScores(model, vector(0));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
  });
});

describe("softmaxInPlace", () => {
  it("turns large logits into probabilities without overflowing", () => {
    const p = softmaxInPlace(Float64Array.from([1000, 1000, 0]));
    expect(Array.from(p)).toEqual([0.5, 0.5, expect.closeTo(0, 10)]);
  });
});
