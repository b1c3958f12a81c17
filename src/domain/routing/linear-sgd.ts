/**
 * Stochastic gradient descent for a multi-class linear model over sparse vectors.
 *
 * Two losses: "log" (multinomial logistic regression, whose softmax gives probabilities) and
 * "hinge" (Crammer-Singer multi-class linear SVM, kept for the method comparison). L2
 * regularisation is exact but lazy: the weights are stored as `scale * v`, so shrinking all of
 * them costs one multiplication instead of a pass over the whole hashed space.
 */
import { createRandom, shuffleInPlace } from "./random.js";
import type { SparseVector } from "./text-features.js";

/** One training example: its feature vector and the index of its class. */
export interface LabelledVector {
  readonly x: SparseVector;
  readonly label: number;
  /** Importance of the example (default 1); augmented copies count for less than real messages. */
  readonly weight?: number;
}

export interface SgdOptions {
  readonly loss: "log" | "hinge";
  readonly classes: number;
  /** Number of feature ids (2 ** hashBits). */
  readonly dimension: number;
  readonly epochs: number;
  /** L2 penalty per example (lambda); also sets the step-size schedule. */
  readonly l2: number;
  /** Initial step size. */
  readonly learningRate: number;
  readonly seed: number;
}

/** Dense weights: `weights[id * classes + k]` is feature `id`'s weight for class `k`. */
export interface LinearWeights {
  readonly classes: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Raw class scores (logits) of a vector: `bias + weightScale * (weights . x)`. */
export function linearScores(model: LinearWeights, x: SparseVector, weightScale = 1): Float64Array {
  const { classes, weights, bias } = model;
  const dot = new Float64Array(classes);
  for (let i = 0; i < x.ids.length; i++) {
    const base = (x.ids[i] as number) * classes;
    const value = x.values[i] as number;
    for (let k = 0; k < classes; k++) dot[k] = (dot[k] as number) + value * (weights[base + k] as number);
  }
  for (let k = 0; k < classes; k++) dot[k] = (bias[k] as number) + weightScale * (dot[k] as number);
  return dot;
}

/** Softmax in place, shifted by the maximum so large logits do not overflow. */
export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] as number) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
  return scores;
}

/** Per-class gradient of the loss with respect to the scores; all zeros when nothing to learn. */
function lossGradient(loss: SgdOptions["loss"], scores: Float64Array, label: number): Float64Array {
  if (loss === "log") {
    const gradient = softmaxInPlace(scores);
    gradient[label] = (gradient[label] as number) - 1;
    return gradient;
  }
  let rival = -1;
  for (let k = 0; k < scores.length; k++) {
    if (k !== label && (rival < 0 || (scores[k] as number) > (scores[rival] as number))) rival = k;
  }
  const gradient = new Float64Array(scores.length);
  if ((scores[label] as number) - (scores[rival] as number) < 1) {
    gradient[label] = -1;
    gradient[rival] = 1;
  }
  return gradient;
}

/** Trains a linear model; deterministic for a given data order, options and seed. */
export function trainLinearSgd(data: readonly LabelledVector[], options: SgdOptions): LinearWeights {
  const { classes, l2, learningRate } = options;
  const v = new Float64Array(options.dimension * classes);
  const bias = new Float64Array(classes);
  let scale = 1;
  let step = 0;
  const order = data.map((_, i) => i);
  const random = createRandom(options.seed);
  const view: LinearWeights = { classes, weights: v, bias };

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const index of order) {
      const { x, label, weight = 1 } = data[index] as LabelledVector;
      // Bottou's schedule: large steps first, shrinking as 1/t once regularisation dominates.
      const rate = learningRate / (1 + learningRate * l2 * step++);
      const gradientRate = rate * weight;
      const gradient = lossGradient(options.loss, linearScores(view, x, scale), label);
      scale *= 1 - rate * l2;
      for (let i = 0; i < x.ids.length; i++) {
        const base = (x.ids[i] as number) * classes;
        const delta = (gradientRate * (x.values[i] as number)) / scale;
        for (let k = 0; k < classes; k++)
          v[base + k] = (v[base + k] as number) - delta * (gradient[k] as number);
      }
      for (let k = 0; k < classes; k++)
        bias[k] = (bias[k] as number) - gradientRate * (gradient[k] as number);
      if (scale < 1e-6) {
        for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * scale;
  return view;
}
