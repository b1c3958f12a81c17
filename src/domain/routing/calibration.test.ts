import { describe, expect, it } from "vitest";
import { fitTemperature, type HeldOutLogits, meanNegativeLogLikelihood } from "./calibration.js";

/** Ten examples whose logits say "class 0, surely" while only `right` of them are class 0. */
function overconfident(right: number): HeldOutLogits[] {
  return Array.from({ length: 10 }, (_, i) => ({
    logits: Float64Array.from([8, 0, 0]),
    label: i < right ? 0 : 1,
  }));
}

describe("fitTemperature", () => {
  it("softens an overconfident model (T > 1)", () => {
    expect(fitTemperature(overconfident(7))).toBeGreaterThan(1);
  });

  it("sharpens an underconfident model (T < 1)", () => {
    const data = Array.from({ length: 10 }, () => ({ logits: Float64Array.from([0.5, 0, 0]), label: 0 }));
    expect(fitTemperature(data)).toBeLessThan(1);
  });

  it("finds the temperature at which confidence matches accuracy", () => {
    const t = fitTemperature(overconfident(7));
    const p = Math.exp(8 / t) / (Math.exp(8 / t) + 2);
    expect(p).toBeCloseTo(0.7, 2);
  });

  it("lowers the log-likelihood loss compared with no scaling", () => {
    const data = overconfident(7);
    expect(meanNegativeLogLikelihood(data, fitTemperature(data))).toBeLessThan(
      meanNegativeLogLikelihood(data, 1),
    );
  });
});
