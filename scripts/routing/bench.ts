/**
 * Benchmarks the routing model as the Lambda uses it (`npm run bench:routing` reports the same figures
 * with the Zendesk side).
 *
 *   npx tsx scripts/routing/bench.ts [--model models/router.json] [--load-runs 50]
 *
 * Prints the machine, the artefact size, the load time (JSON.parse plus createClassifier, the
 * cold-start cost; median of many runs) and the time to classify one message (median and p99 over
 * every shared and Russian dev message, after a warm-up pass).
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { measureClassifier } from "./classifier-figures.js";
import { MODEL_PATH } from "./model-file.js";

const { values } = parseArgs({
  options: { model: { type: "string", default: MODEL_PATH }, "load-runs": { type: "string", default: "50" } },
});
const f = measureClassifier(values.model, Number(values["load-runs"]));

const micros = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
console.log(
  `machine:        ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, Node ${process.version}`,
);
console.log(`artefact:       ${f.modelPath}, ${(f.artefactBytes / 1024).toFixed(0)} KiB`);
console.log(
  `load:           median ${f.loadMedianMs.toFixed(1)} ms (JSON.parse ${f.parseMedianMs.toFixed(1)} ms), ` +
    `first run ${f.firstLoadMs.toFixed(1)} ms, over ${f.loadRuns} runs of JSON.parse + createClassifier`,
);
console.log(
  `classify:       median ${micros(f.classifyMedianMs)}, p99 ${micros(f.classifyP99Ms)} over ${f.messages} dev messages`,
);
