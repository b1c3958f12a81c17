/**
 * The trained artefact: plain JSON data, so the Lambda bundles it with a JSON import and no
 * loader code. Weights are quantised to integers and features with only small weights are
 * dropped, which halves the file without changing dev accuracy or log-loss measurably.
 */
import type { Category } from "./categories.js";
import type { FeatureOptions } from "./text-features.js";

export const MODEL_FORMAT = "routing-linear-v1";

/** Where the model came from, so a stale artefact can be detected. */
export interface TrainingProvenance {
  /** SHA-256 over the training files and {@link TrainingProvenance.codeVersion}, computed by the CLI. */
  readonly dataHash: string;
  /** Bumped whenever a change to the training code changes the artefact. */
  readonly codeVersion: number;
  readonly examples: number;
  readonly seed: number;
  /** Temperature found by cross-validation; already divided into the weights and biases. */
  readonly temperature: number;
}

/** A multinomial logistic regression over hashed text features, ready to serialise. */
export interface RoutingModel {
  readonly format: typeof MODEL_FORMAT;
  /** Class order of {@link RoutingModel.bias} and of each weight row. */
  readonly categories: readonly Category[];
  readonly features: FeatureOptions;
  /**
   * How often the category a customer picks in the form is right. The chosen category enters as
   * evidence with this reliability (see classifier.ts), so it can be tuned without retraining.
   */
  readonly chosenCategoryAccuracy: number;
  readonly bias: readonly number[];
  /** A weight is `integer * weightStep`. */
  readonly weightStep: number;
  /** Ascending feature ids, delta-encoded: the id of row i is the sum of idDeltas[0..i]. */
  readonly idDeltas: readonly number[];
  /** Row-major quantised weights: categories.length integers per feature id. */
  readonly weights: readonly number[];
  readonly training: TrainingProvenance;
}

/** Dequantised weights indexed by feature id, the shape the classifier scores with. */
export interface DecodedWeights {
  /**
   * `rowStart[id]` is where feature `id`'s weights start in `rows`, or -1 for a pruned feature. A
   * direct table (4 MiB at 20 hash bits) is built in about a millisecond, where a Map of the same
   * entries took 17 ms, most of the cold-start cost.
   */
  readonly rowStart: Int32Array;
  readonly rows: Float64Array;
}

/**
 * Quantises dense weights to multiples of `step` and drops the features whose largest absolute
 * weight is below `pruneBelow`: such a feature cannot move a message's scores by much.
 */
export function encodeWeights(
  dense: Float64Array,
  classes: number,
  step: number,
  pruneBelow: number,
): Pick<RoutingModel, "idDeltas" | "weights"> {
  const idDeltas: number[] = [];
  const weights: number[] = [];
  let previous = 0;
  const row = new Array<number>(classes);
  for (let id = 0; id * classes < dense.length; id++) {
    let largest = 0;
    for (let k = 0; k < classes; k++) {
      const weight = dense[id * classes + k] as number;
      largest = Math.max(largest, Math.abs(weight));
      // "+ 0" turns -0 into 0 so the JSON never contains "-0".
      row[k] = Math.round(weight / step) + 0;
    }
    if (largest < pruneBelow || row.every((q) => q === 0)) continue;
    idDeltas.push(id - previous);
    previous = id;
    weights.push(...row);
  }
  return { idDeltas, weights };
}

/** Rebuilds the lookup table from the compact form. */
export function decodeWeights(model: RoutingModel): DecodedWeights {
  const classes = model.categories.length;
  const rowStart = new Int32Array(2 ** model.features.hashBits).fill(-1);
  const rows = new Float64Array(model.weights.length);
  for (let i = 0; i < rows.length; i++) rows[i] = (model.weights[i] as number) * model.weightStep;
  let id = 0;
  for (let row = 0; row < model.idDeltas.length; row++) {
    id += model.idDeltas[row] as number;
    rowStart[id] = row * classes;
  }
  return { rowStart, rows };
}
