/**
 * Evaluates the committed routing model on labelled JSONL files.
 *
 *   npx tsx scripts/routing/eval.ts [--model models/router.json] [file.jsonl ...]
 *
 * Default file: ../shared/data/routing/dev.jsonl. For each file it prints accuracy without a
 * chosen category and with a simulated one (80% right, 10% wrong, 10% none), per-category
 * precision/recall/F1, the confusion matrix (rows = true, columns = predicted), calibration
 * figures, and the accuracy on rows written in Cyrillic ("Russian accuracy") when there are any.
 */
import { parseArgs } from "node:util";
import { CATEGORIES } from "../../src/domain/routing/categories.js";
import { type Classification, createClassifier } from "../../src/domain/routing/classifier.js";
import type { RoutingExample } from "../../src/domain/routing/train.js";
import { loadExamples, SHARED_DEV } from "./load-examples.js";
import {
  accuracy,
  calibrationBins,
  confusionMatrix,
  expectedCalibrationError,
  type Prediction,
  perCategory,
} from "./metrics.js";
import { loadModel, MODEL_PATH } from "./model-file.js";
import { DEFAULT_CHOICE_MIX, simulateChoices } from "./simulate-choice.js";

const { values, positionals } = parseArgs({
  options: { model: { type: "string", default: MODEL_PATH } },
  allowPositionals: true,
});
const classifier = createClassifier(loadModel(values.model));
const CYRILLIC = /\p{Script=Cyrillic}/u;
const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
const pad = (text: string, width: number) => text.padStart(width);

function toPrediction(example: RoutingExample, result: Classification): Prediction {
  return { truth: example.category, predicted: result.category, confidence: result.confidence };
}

function report(file: string): void {
  const examples = loadExamples(file);
  const plain: Prediction[] = examples.map((e) => toPrediction(e, classifier.classify(e.text)));
  const choices = simulateChoices(examples.map((e) => e.category));
  const chosen: Prediction[] = examples.map((e, i) =>
    toPrediction(e, classifier.classify(e.text, { chosenCategory: choices[i] })),
  );
  const wrongChoice = chosen.filter(
    (_, i) => choices[i] !== undefined && choices[i] !== examples[i]?.category,
  );

  console.log(`\n== ${file} (${examples.length} rows) ==`);
  console.log(`accuracy, no chosen category:        ${percent(accuracy(plain))}`);
  console.log(
    `accuracy, simulated chosen category: ${percent(accuracy(chosen))} ` +
      `(${DEFAULT_CHOICE_MIX.right * 100}% right, ${DEFAULT_CHOICE_MIX.wrong * 100}% wrong, rest none; ` +
      `right despite a wrong choice: ${percent(accuracy(wrongChoice))} of ${wrongChoice.length})`,
  );
  const overrides = chosen.filter((p, i) => choices[i] !== undefined && p.predicted !== choices[i]);
  const confidentOverrides = overrides.filter((p) => p.confidence >= 0.8);
  console.log(
    `overrides of the chosen category:    ${overrides.length} of ${choices.filter((c) => c !== undefined).length}, ` +
      `right in ${percent(accuracy(overrides))}; ${confidentOverrides.length} with confidence >= 0.8, ` +
      `right in ${percent(accuracy(confidentOverrides))}`,
  );
  const russian = plain.filter((_, i) => CYRILLIC.test(examples[i]?.text ?? ""));
  if (russian.length > 0)
    console.log(
      `Russian accuracy:                    ${percent(accuracy(russian))} (${russian.length} rows)`,
    );

  console.log(
    `\n${pad("category", 10)} ${pad("precision", 9)} ${pad("recall", 7)} ${pad("F1", 7)} ${pad("support", 7)}`,
  );
  const stats = perCategory(plain);
  for (const category of CATEGORIES) {
    const s = stats[category];
    console.log(
      `${pad(category, 10)} ${pad(percent(s.precision), 9)} ${pad(percent(s.recall), 7)} ${pad(percent(s.f1), 7)} ${pad(String(s.support), 7)}`,
    );
  }

  console.log("\nconfusion matrix (rows = true, columns = predicted)");
  console.log(`${pad("", 10)} ${CATEGORIES.map((c) => pad(c.slice(0, 8), 8)).join(" ")}`);
  confusionMatrix(plain).forEach((row, i) => {
    console.log(`${pad(CATEGORIES[i] ?? "", 10)} ${row.map((n) => pad(String(n), 8)).join(" ")}`);
  });

  console.log("\ncalibration, no chosen category (confidence bin: share of rows, mean confidence, accuracy)");
  for (const bin of calibrationBins(plain, [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95])) {
    console.log(
      `  [${bin.low.toFixed(2)}, ${bin.high.toFixed(2)}) ${pad(percent(bin.count / plain.length), 7)} ` +
        `${pad(percent(bin.meanConfidence), 7)} ${pad(bin.count === 0 ? "-" : percent(bin.accuracy), 7)}`,
    );
  }
  for (const [name, set] of [
    ["no chosen category", plain],
    ["simulated chosen  ", chosen],
  ] as const) {
    const confident = set.filter((p) => p.confidence >= 0.8);
    console.log(
      `  ${name}: confidence >= 0.8 on ${percent(confident.length / set.length)} of rows, ` +
        `accuracy there ${percent(accuracy(confident))}; ECE ${percent(expectedCalibrationError(set))}`,
    );
  }
}

for (const file of positionals.length > 0 ? positionals : [SHARED_DEV]) report(file);
