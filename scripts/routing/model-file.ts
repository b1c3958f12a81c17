/**
 * Reads and writes the model artefact. One top-level key per line keeps git diffs of the
 * metadata readable while the long arrays stay on single lines.
 */
import { readFileSync } from "node:fs";
import type { RoutingModel } from "../../src/domain/routing/model-format.js";

export const MODEL_PATH = "models/router.json";

/** Stable JSON text of a model: key order comes from the training code, not from the runtime. */
export function serialiseModel(model: RoutingModel): string {
  const lines = Object.entries(model).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${lines.join(",\n")}\n}\n`;
}

/** Loads the committed artefact. The format is checked by createClassifier. */
export function loadModel(path = MODEL_PATH): RoutingModel {
  return JSON.parse(readFileSync(path, "utf8")) as RoutingModel;
}
