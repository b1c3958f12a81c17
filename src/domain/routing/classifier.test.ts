import { describe, expect, it } from "vitest";
import { CATEGORIES } from "./categories.js";
import { createClassifier } from "./classifier.js";
import type { RoutingModel } from "./model-format.js";
import { InvalidRoutingModelError } from "./model-validation.js";
import { TOY_EXAMPLES, TOY_OPTIONS } from "./toy-examples.test-support.js";
import { trainRoutingModel } from "./train.js";

const model = trainRoutingModel(TOY_EXAMPLES, "hash", TOY_OPTIONS);
const classifier = createClassifier(model);

describe("classify", () => {
  it("returns a probability for every category, summing to 1", () => {
    const { scores } = classifier.classify("where is my parcel");
    expect(Object.keys(scores).sort()).toEqual([...CATEGORIES].sort());
    expect(Object.values(scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it("answers with the most probable category and its probability as confidence", () => {
    const result = classifier.classify("i want a refund");
    expect(result.category).toBe("returns");
    expect(result.confidence).toBe(Math.max(...Object.values(result.scores)));
  });

  it("is not confident about a text without words", () => {
    expect(classifier.classify("🙂").confidence).toBeLessThan(0.5);
  });

  it("raises the chosen category's probability", () => {
    const text = "hello there";
    const without = classifier.classify(text).scores.payment;
    const withChoice = classifier.classify(text, { chosenCategory: "payment" }).scores.payment;
    expect(withChoice).toBeGreaterThan(without);
  });

  it("applies the chosen category as Bayes' rule with the model's reliability", () => {
    const text = "hello there";
    const { scores } = classifier.classify(text);
    const { scores: blended } = classifier.classify(text, { chosenCategory: "order" });
    // Posterior odds of order versus shipping = prior odds * a / ((1 - a) / 6).
    const boost = (0.8 * 6) / 0.2;
    expect(blended.order / blended.shipping).toBeCloseTo((scores.order / scores.shipping) * boost, 6);
  });

  it("lets clear text override a wrong choice", () => {
    const result = classifier.classify("reset my password", { chosenCategory: "shipping" });
    expect(result.category).toBe("account");
  });

  it("lets the caller set how much the form's choice is trusted", () => {
    const trusting = createClassifier(model, { chosenCategoryAccuracy: 0.99 });
    expect(trusting.classify("reset my password", { chosenCategory: "shipping" }).category).toBe("shipping");
  });
});

describe("createClassifier", () => {
  it("rejects an artefact of another format", () => {
    const stale = { ...model, format: "routing-linear-v0" } as unknown as RoutingModel;
    expect(() => createClassifier(stale)).toThrow(InvalidRoutingModelError);
  });

  it("rejects categories in another order", () => {
    expect(() => createClassifier({ ...model, categories: [...CATEGORIES].reverse() })).toThrow(
      InvalidRoutingModelError,
    );
  });

  it("rejects weights that do not match the feature ids", () => {
    expect(() => createClassifier({ ...model, weights: model.weights.slice(1) })).toThrow(
      InvalidRoutingModelError,
    );
  });

  it("rejects a chosen-category reliability outside (0, 1)", () => {
    expect(() => createClassifier(model, { chosenCategoryAccuracy: 1 })).toThrow(InvalidRoutingModelError);
  });
});
