/**
 * Checks that a value is a routing model this code can serve. The artefact reaches the Lambda as a
 * JSON import, whose inferred type is too loose to be a {@link RoutingModel}, and a hand-edited or
 * stale file should fail at cold start with a clear message, not route tickets at random.
 * Hand-written rather than zod: the weight array has a quarter of a million entries and this runs
 * on every cold start (about a millisecond).
 */
import { CATEGORIES } from "./categories.js";
import { MODEL_FORMAT, type RoutingModel } from "./model-format.js";

/** Thrown when an artefact is not a model this code can serve. */
export class InvalidRoutingModelError extends Error {
  override readonly name = "InvalidRoutingModelError";
}

function fail(message: string): never {
  throw new InvalidRoutingModelError(`invalid routing model: ${message}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function integerIn(record: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = record[key];
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    fail(`${key} must be an integer from ${min} to ${max}`);
  }
  return value as number;
}

function positiveNumber(record: Record<string, unknown>, key: string): void {
  const value = record[key];
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) fail(`${key} must be positive`);
}

function checkFeatures(features: unknown): number {
  if (!isRecord(features)) fail("features must be an object");
  const hashBits = integerIn(features, "hashBits", 1, 22);
  integerIn(features, "wordNgramMax", 1, 5);
  const minN = integerIn(features, "charNgramMin", 1, 10);
  integerIn(features, "charNgramMax", minN - 1, 10);
  for (const key of ["wordWeight", "charWeight"]) {
    if (typeof features[key] !== "number" || (features[key] as number) < 0) fail(`${key} must be >= 0`);
  }
  return hashBits;
}

function checkWeights(value: Record<string, unknown>, hashBits: number): void {
  const { idDeltas, weights } = value;
  if (!Array.isArray(idDeltas) || !Array.isArray(weights)) fail("idDeltas and weights must be arrays");
  if (weights.length !== idDeltas.length * CATEGORIES.length) fail("weights do not match the feature ids");
  let id = 0;
  for (let i = 0; i < idDeltas.length; i++) {
    const delta: unknown = idDeltas[i];
    if (!Number.isInteger(delta) || (delta as number) < (i === 0 ? 0 : 1)) fail("idDeltas must ascend");
    id += delta as number;
  }
  if (id >= 2 ** hashBits) fail("a feature id is outside the hashed space");
  for (const weight of weights) if (!Number.isInteger(weight)) fail("weights must be integers");
}

/** Narrows an untrusted value (a JSON import, a parsed file) to a {@link RoutingModel}. */
export function parseRoutingModel(value: unknown): RoutingModel {
  if (!isRecord(value)) fail("not an object");
  if (value.format !== MODEL_FORMAT)
    fail(`format must be "${MODEL_FORMAT}", got ${JSON.stringify(value.format)}`);
  if (!Array.isArray(value.categories) || value.categories.join() !== CATEGORIES.join()) {
    fail(`categories must be ${CATEGORIES.join()}`);
  }
  const hashBits = checkFeatures(value.features);
  const { bias, chosenCategoryAccuracy } = value;
  if (!Array.isArray(bias) || bias.length !== CATEGORIES.length || !bias.every(Number.isFinite)) {
    fail("bias must hold one number per category");
  }
  if (
    typeof chosenCategoryAccuracy !== "number" ||
    !(chosenCategoryAccuracy > 0 && chosenCategoryAccuracy < 1)
  ) {
    fail("chosenCategoryAccuracy must be between 0 and 1");
  }
  positiveNumber(value, "weightStep");
  checkWeights(value, hashBits);
  if (!isRecord(value.training) || typeof value.training.dataHash !== "string")
    fail("training provenance missing");
  return value as unknown as RoutingModel;
}
