/** The Lambda bundles the artefact with a JSON import; this is that path, end to end. */
import { describe, expect, it } from "vitest";
import routerJson from "../../models/router.json" with { type: "json" };
import { createClassifier } from "../../src/domain/routing/classifier.js";
import { InvalidRoutingModelError, parseRoutingModel } from "../../src/domain/routing/model-validation.js";

describe("models/router.json as a JSON import", () => {
  it("parses into a model the classifier serves", () => {
    const router = createClassifier(parseRoutingModel(routerJson));
    expect(router.classify("where is my parcel").category).toBe("shipping");
  });

  it("is rejected with a clear error when tampered with", () => {
    const tampered = { ...routerJson, weights: routerJson.weights.slice(0, -1) };
    expect(() => parseRoutingModel(tampered)).toThrow(InvalidRoutingModelError);
    expect(() => parseRoutingModel({ ...routerJson, format: "v0" })).toThrow(/format must be/);
    expect(() => parseRoutingModel(null)).toThrow(/not an object/);
  });
});
