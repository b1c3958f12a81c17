/**
 * Trains the routing model and writes models/router.json.
 *
 *   npx tsx scripts/routing/train.ts
 *
 * Run from the repository root. Reads ../shared/data/routing/train.jsonl and
 * data/routing-ru/train.jsonl. The output is deterministic: the same data and code give the same
 * bytes, so a diff of the artefact means the data or the training code changed.
 */
import { writeFileSync } from "node:fs";
import { trainRoutingModel } from "../../src/domain/routing/train.js";
import { MODEL_PATH, serialiseModel } from "./model-file.js";
import { loadTrainingSet, trainingDataHash } from "./training-set.js";

const started = performance.now();
const examples = loadTrainingSet();
const model = trainRoutingModel(examples, trainingDataHash());
const json = serialiseModel(model);
writeFileSync(MODEL_PATH, json);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${MODEL_PATH}: ${examples.length} examples, ${model.idDeltas.length} features, ` +
    `temperature ${model.training.temperature}, ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB, ${seconds} s`,
);
