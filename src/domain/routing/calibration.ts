/**
 * Temperature scaling (Guo et al. 2017): one scalar T divides the logits so that softmax
 * probabilities match observed accuracy. It never changes which class wins, only how sure the
 * model says it is, which is what the "confident enough to override the customer" rule needs.
 */
import { softmaxInPlace } from "./linear-sgd.js";

/** Logits of one held-out example and its true class. */
export interface HeldOutLogits {
  readonly logits: Float64Array;
  readonly label: number;
}

/** Mean negative log-likelihood of the true classes at temperature `t`. */
export function meanNegativeLogLikelihood(data: readonly HeldOutLogits[], t: number): number {
  let total = 0;
  for (const { logits, label } of data) {
    const p = softmaxInPlace(logits.map((z) => z / t));
    total -= Math.log(Math.max(p[label] as number, 1e-12));
  }
  return total / data.length;
}

/** Finds the temperature in [e^-3, e^3] with the lowest held-out NLL (golden-section search on ln T). */
export function fitTemperature(data: readonly HeldOutLogits[]): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = -3;
  let high = 3;
  for (let i = 0; i < 60; i++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (meanNegativeLogLikelihood(data, Math.exp(a)) < meanNegativeLogLikelihood(data, Math.exp(b))) high = b;
    else low = a;
  }
  return Math.exp((low + high) / 2);
}
