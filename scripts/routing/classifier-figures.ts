import { readFileSync, statSync } from "node:fs";
import { median, quantile } from "../../bench/support/stats.js";
import { createClassifier } from "../../src/domain/routing/classifier.js";
import type { RoutingModel } from "../../src/domain/routing/model-format.js";
import { loadExamples, RU_DEV, SHARED_DEV } from "./load-examples.js";
import { MODEL_PATH } from "./model-file.js";

export interface ClassifierFigures {
  readonly modelPath: string;
  readonly artefactBytes: number;
  readonly loadRuns: number;
  /** JSON.parse plus createClassifier, the cold-start cost. */
  readonly loadMedianMs: number;
  readonly parseMedianMs: number;
  /** The first run is the closest to a cold start: nothing is optimised yet. */
  readonly firstLoadMs: number;
  readonly messages: number;
  readonly classifyMedianMs: number;
  readonly classifyP99Ms: number;
}

/**
 * The routing model as the Lambda uses it: artefact size, load time (median of many runs) and the time to
 * classify one message (median and p99 over every shared and Russian dev message, after a warm-up pass).
 */
export function measureClassifier(modelPath = MODEL_PATH, loadRuns = 50): ClassifierFigures {
  const json = readFileSync(modelPath, "utf8");
  const parseTimes: number[] = [];
  const loadTimes: number[] = [];
  for (let run = 0; run < loadRuns; run++) {
    const started = performance.now();
    const model = JSON.parse(json) as RoutingModel;
    parseTimes.push(performance.now() - started);
    createClassifier(model);
    loadTimes.push(performance.now() - started);
  }
  const classifier = createClassifier(JSON.parse(json) as RoutingModel);
  const texts = [...loadExamples(SHARED_DEV), ...loadExamples(RU_DEV)].map((e) => e.text);
  for (const text of texts) classifier.classify(text);
  const times = texts.map((text) => {
    const started = performance.now();
    classifier.classify(text);
    return performance.now() - started;
  });
  return {
    modelPath,
    artefactBytes: statSync(modelPath).size,
    loadRuns,
    loadMedianMs: median(loadTimes),
    parseMedianMs: median(parseTimes),
    firstLoadMs: loadTimes[0] ?? Number.NaN,
    messages: times.length,
    classifyMedianMs: median(times),
    classifyP99Ms: quantile(times, 0.99),
  };
}
