import { describe, expect, it } from "vitest";
import { CATEGORIES } from "./categories.js";
import { createClassifier } from "./classifier.js";
import { MODEL_FORMAT } from "./model-format.js";
import { TOY_EXAMPLES, TOY_OPTIONS } from "./toy-examples.test-support.js";
import { TRAINING_CODE_VERSION, trainRoutingModel } from "./train.js";

describe("trainRoutingModel", () => {
  it("is deterministic: the same data, options and seed give the same model", () => {
    const options = { ...TOY_OPTIONS, calibrationFolds: 2 };
    const first = trainRoutingModel(TOY_EXAMPLES, "hash", options);
    const second = trainRoutingModel(TOY_EXAMPLES, "hash", options);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("depends on the seed", () => {
    const first = trainRoutingModel(TOY_EXAMPLES, "hash", TOY_OPTIONS);
    const other = trainRoutingModel(TOY_EXAMPLES, "hash", { ...TOY_OPTIONS, seed: TOY_OPTIONS.seed + 1 });
    expect(other.weights).not.toEqual(first.weights);
  });

  it("records where the model came from", () => {
    const model = trainRoutingModel(TOY_EXAMPLES, "abc123", TOY_OPTIONS);
    expect(model.format).toBe(MODEL_FORMAT);
    expect(model.categories).toEqual(CATEGORIES);
    expect(model.training).toMatchObject({
      dataHash: "abc123",
      codeVersion: TRAINING_CODE_VERSION,
      examples: TOY_EXAMPLES.length,
      seed: TOY_OPTIONS.seed,
    });
    expect(model.training.temperature).toBeGreaterThan(0);
  });

  it("stores integer weights only, with no negative zero", () => {
    const model = trainRoutingModel(TOY_EXAMPLES, "hash", TOY_OPTIONS);
    expect(model.weights.every(Number.isInteger)).toBe(true);
    expect(JSON.stringify(model)).not.toContain("-0,");
  });

  it("learns the training phrases", () => {
    const classifier = createClassifier(trainRoutingModel(TOY_EXAMPLES, "hash", TOY_OPTIONS));
    const right = TOY_EXAMPLES.filter((e) => classifier.classify(e.text).category === e.category);
    expect(right.length).toBe(TOY_EXAMPLES.length);
  });

  it("counts weighted examples more", () => {
    // The same text labelled two ways: the heavier label wins.
    const examples = [
      ...TOY_EXAMPLES,
      { text: "parcel invoice", category: "shipping" as const },
      { text: "parcel invoice", category: "payment" as const, weight: 5 },
    ];
    const classifier = createClassifier(trainRoutingModel(examples, "hash", TOY_OPTIONS));
    expect(classifier.classify("parcel invoice").category).toBe("payment");
  });
});
