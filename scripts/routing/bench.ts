/**
 * Benchmarks the routing model as the Lambda uses it.
 *
 *   npx tsx scripts/routing/bench.ts [--model models/router.json] [--load-runs 50]
 *
 * Prints the machine, the artefact size, the load time (JSON.parse plus createClassifier, the
 * cold-start cost; median of many runs) and the time to classify one message (median and p99 over
 * every shared and Russian dev message, after a warm-up pass).
 */
import { readFileSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { createClassifier } from "../../src/domain/routing/classifier.js";
import type { RoutingModel } from "../../src/domain/routing/model-format.js";
import { loadExamples, RU_DEV, SHARED_DEV } from "./load-examples.js";
import { MODEL_PATH } from "./model-file.js";

const { values } = parseArgs({
  options: { model: { type: "string", default: MODEL_PATH }, "load-runs": { type: "string", default: "50" } },
});
const path = values.model;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const json = readFileSync(path, "utf8");
const parseTimes: number[] = [];
const loadTimes: number[] = [];
for (let run = 0; run < Number(values["load-runs"]); run++) {
  const started = performance.now();
  const model = JSON.parse(json) as RoutingModel;
  parseTimes.push(performance.now() - started);
  createClassifier(model);
  loadTimes.push(performance.now() - started);
}
// The first run is the closest to a cold start: nothing is optimised yet.
const firstLoad = loadTimes[0] ?? Number.NaN;
parseTimes.sort((a, b) => a - b);
loadTimes.sort((a, b) => a - b);

const classifier = createClassifier(JSON.parse(json) as RoutingModel);
const texts = [...loadExamples(SHARED_DEV), ...loadExamples(RU_DEV)].map((e) => e.text);
for (const text of texts) classifier.classify(text);
const times = texts.map((text) => {
  const started = performance.now();
  classifier.classify(text);
  return performance.now() - started;
});
times.sort((a, b) => a - b);

const micros = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
console.log(
  `machine:        ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`,
);
console.log(`artefact:       ${path}, ${(statSync(path).size / 1024).toFixed(0)} KiB`);
console.log(
  `load:           median ${quantile(loadTimes, 0.5).toFixed(1)} ms (JSON.parse ${quantile(parseTimes, 0.5).toFixed(1)} ms), ` +
    `first run ${firstLoad.toFixed(1)} ms, over ${loadTimes.length} runs of JSON.parse + createClassifier`,
);
console.log(
  `classify:       median ${micros(quantile(times, 0.5))}, p99 ${micros(quantile(times, 0.99))} ` +
    `over ${times.length} dev messages`,
);
