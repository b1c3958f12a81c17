import { describe, expect, it } from "vitest";
import { InvalidRoutingModelError, parseRoutingModel } from "./model-validation.js";
import { TOY_EXAMPLES, TOY_OPTIONS } from "./toy-examples.test-support.js";
import { trainRoutingModel } from "./train.js";

const model = trainRoutingModel(TOY_EXAMPLES, "hash", TOY_OPTIONS);

describe("parseRoutingModel", () => {
  it("accepts a trained model as it is", () => {
    expect(parseRoutingModel(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it.each([
    ["a bias per category", { bias: [0, 0] }, /bias/],
    ["ascending feature ids", { idDeltas: [3, 0, ...model.idDeltas.slice(2)] }, /ascend/],
    ["integer weights", { weights: [0.5, ...model.weights.slice(1)] }, /integers/],
    [
      "a hashed space the lookup table can hold",
      { features: { ...model.features, hashBits: 30 } },
      /hashBits/,
    ],
    ["a reliability below 1", { chosenCategoryAccuracy: 1 }, /chosenCategoryAccuracy/],
  ])("requires %s", (_, change, message) => {
    expect(() => parseRoutingModel({ ...model, ...change })).toThrow(message);
    expect(() => parseRoutingModel({ ...model, ...change })).toThrow(InvalidRoutingModelError);
  });
});
