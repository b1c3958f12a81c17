/**
 * The training set the shipped model is built from, in one place so the training CLI, the method
 * comparison and the tests agree on files, weights and the data hash.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { RoutingExample } from "../../src/domain/routing/train.js";
import { CORRECTIONS_TRAIN, parseExamples, RU_TRAIN, SHARED_TRAIN } from "./load-examples.js";

/** Training files, read relative to the repository root. */
export const TRAINING_FILES = [SHARED_TRAIN, RU_TRAIN] as const;

/**
 * The agents' corrections, when a deployer has exported them there (`npm run routing:export-corrections --
 * --out data/routing-corrections/train.jsonl`); absent in this repository, so the shipped model and its
 * data hash do not depend on it.
 */
function correctionFiles(): string[] {
  return existsSync(CORRECTIONS_TRAIN) ? [CORRECTIONS_TRAIN] : [];
}

/**
 * Russian rows are about 7% of the data; counting each three times gives Russian roughly the
 * share of traffic we expect from Russian-speaking customers (about a fifth), and lowered the
 * Russian dev log-loss without changing English dev accuracy.
 */
export const RUSSIAN_WEIGHT = 3;

/** SHA-256 over the names and bytes of the training files, recorded in the artefact. */
export function trainingDataHash(): string {
  const hash = createHash("sha256");
  for (const file of [...TRAINING_FILES, ...correctionFiles()])
    hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

/** All training examples, Russian ones weighted by {@link RUSSIAN_WEIGHT}. */
export function loadTrainingSet(): RoutingExample[] {
  const [shared, russian] = TRAINING_FILES.map((file) => parseExamples(readFileSync(file, "utf8"), file));
  const corrections = correctionFiles().flatMap((file) => parseExamples(readFileSync(file, "utf8"), file));
  return [
    ...(shared ?? []),
    ...(russian ?? []).map((example) => ({ ...example, weight: RUSSIAN_WEIGHT })),
    ...corrections,
  ];
}
