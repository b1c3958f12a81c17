/**
 * Compares routing methods on the same data, so the shipped one is chosen by measurement.
 *
 *   npx tsx scripts/routing/compare-methods.ts
 *
 * Every method trains on the shipped training set (shared train plus the project's Russian train,
 * see training-set.ts) and is scored on the shared dev set as written, with typos (30% of longer
 * words get one), as random three-word windows (a harsh stress test: many windows carry no topic
 * at all), and on the Russian dev set. A second table compares two ways of using the category the
 * customer chose in the form. Takes a few minutes.
 */
import { CATEGORIES, type Category } from "../../src/domain/routing/categories.js";
import { createClassifier } from "../../src/domain/routing/classifier.js";
import { type LabelledVector, linearScores, trainLinearSgd } from "../../src/domain/routing/linear-sgd.js";
import { createRandom } from "../../src/domain/routing/random.js";
import {
  extractFeatures,
  type FeatureOptions,
  hashString,
  type SparseVector,
} from "../../src/domain/routing/text-features.js";
import {
  DEFAULT_TRAINING_OPTIONS,
  type RoutingExample,
  type TrainingOptions,
  trainRoutingModel,
} from "../../src/domain/routing/train.js";
import { loadExamples, RU_DEV, SHARED_DEV } from "./load-examples.js";
import { trainComplementNb, trainMultinomialNb } from "./methods/naive-bayes.js";
import { addTypos, fragment } from "./perturb.js";
import { simulateChoices } from "./simulate-choice.js";
import { loadTrainingSet } from "./training-set.js";

type Predict = (text: string) => Category;
type Method = (examples: readonly RoutingExample[]) => Predict;

const shipped = DEFAULT_TRAINING_OPTIONS;
const base = shipped.features;
const argmax = (scores: Float64Array) => CATEGORIES[scores.indexOf(Math.max(...scores))] as Category;

/**
 * The shipped pipeline with some options changed. Calibration is skipped to save time: it never
 * changes the winner, though it shifts which small weights pruning drops, so a row can differ from
 * the artefact by a message or two.
 */
function logistic(changes: Partial<TrainingOptions>): Method {
  return (examples) => {
    const model = trainRoutingModel(examples, "comparison", { ...shipped, calibrationFolds: 0, ...changes });
    const classifier = createClassifier(model);
    return (text) => classifier.classify(text).category;
  };
}

function vectorise(examples: readonly RoutingExample[], features: FeatureOptions): LabelledVector[] {
  return examples.map((e) => ({
    x: extractFeatures(e.text, features),
    label: CATEGORIES.indexOf(e.category),
    weight: e.weight ?? 1,
  }));
}

function sgd(data: readonly LabelledVector[], loss: "log" | "hinge") {
  return trainLinearSgd(data, {
    loss,
    classes: CATEGORIES.length,
    dimension: 2 ** base.hashBits,
    epochs: shipped.epochs,
    // The hinge loss needs a smaller step and a little more regularisation to settle.
    l2: loss === "hinge" ? shipped.l2 * 3 : shipped.l2,
    learningRate: loss === "hinge" ? 0.1 : shipped.learningRate,
    seed: shipped.seed,
  });
}

const svm: Method = (examples) => {
  const model = sgd(vectorise(examples, base), "hinge");
  return (text) => argmax(linearScores(model, extractFeatures(text, base)));
};

const unweighted =
  (method: Method): Method =>
  (examples) =>
    method(examples.map(({ text, category }) => ({ text, category })));

const methods: Record<string, Method> = {
  "multinomial NB, word 1-2 (README baseline)": (e) =>
    trainMultinomialNb(e, { ...base, charNgramMax: 0 }, 0.1),
  "multinomial NB, word 1-2 + char 2-5": (e) => trainMultinomialNb(e, base, 0.1),
  "complement NB, word 1-2 + char 2-5": (e) => trainComplementNb(e, base, 0.3),
  "linear SVM (Crammer-Singer), word 1-2 + char 2-5": svm,
  "logistic regression, word 1-2": logistic({ typoCopies: 0, features: { ...base, charWeight: 0 } }),
  "logistic regression, char 2-5": logistic({ typoCopies: 0, features: { ...base, wordWeight: 0 } }),
  "logistic regression, word 1-2 + char 2-5": logistic({ typoCopies: 0 }),
  "  + typo augmentation, Russian unweighted": unweighted(logistic({})),
  "  + typo augmentation, Russian x3 (shipped)": logistic({}),
  "  + typo augmentation, Russian x3, fragment augmentation": logistic({ fragmentCopies: 1 }),
};

function accuracy(predict: Predict, examples: readonly RoutingExample[]): string {
  const right = examples.filter((e) => predict(e.text) === e.category).length;
  return `${((100 * right) / examples.length).toFixed(2)}%`;
}

const train = loadTrainingSet();
const dev = loadExamples(SHARED_DEV);
const ruDev = loadExamples(RU_DEV);
const typoRandom = createRandom(3);
const devTypos = dev.map((e) => ({ ...e, text: addTypos(e.text, 0.3, typoRandom) }));
const fragmentRandom = createRandom(5);
const devFragments = dev.map((e) => ({ ...e, text: fragment(e.text, 3, fragmentRandom) }));

console.log(`train ${train.length} rows, dev ${dev.length}, Russian dev ${ruDev.length}\n`);
console.log("| method | dev | dev + typos | dev, 3-word windows | Russian dev |");
console.log("| --- | ---: | ---: | ---: | ---: |");
for (const [name, method] of Object.entries(methods)) {
  const predict = method(train);
  const cells = [dev, devTypos, devFragments, ruDev].map((set) => accuracy(predict, set));
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}

// The form's category: a learned feature token versus the Bayes blend at inference (shipped).
const mask = 2 ** base.hashBits - 1;
function withChoice(x: SparseVector, chosen: Category | undefined): SparseVector {
  if (chosen === undefined) return x;
  return {
    ids: Int32Array.from([...x.ids, hashString(`chosen:${chosen}`) & mask]),
    values: Float64Array.from([...x.values, 1]),
  };
}
const trainChoices = simulateChoices(
  train.map((e) => e.category),
  undefined,
  99,
);
const tokenModel = sgd(
  vectorise(train, base).map((v, i) => ({ ...v, x: withChoice(v.x, trainChoices[i]) })),
  "log",
);
const tokenPredict = (text: string, chosen: Category | undefined) =>
  argmax(linearScores(tokenModel, withChoice(extractFeatures(text, base), chosen)));

const devChoices = simulateChoices(dev.map((e) => e.category));
function choiceRow(name: string, predict: (text: string, chosen: Category | undefined) => Category): string {
  let none = 0;
  let withChoices = 0;
  let wrong = 0;
  let rightDespiteWrong = 0;
  dev.forEach((e, i) => {
    const chosen = devChoices[i];
    const hit = predict(e.text, chosen) === e.category;
    if (predict(e.text, undefined) === e.category) none++;
    if (hit) withChoices++;
    if (chosen !== undefined && chosen !== e.category) {
      wrong++;
      if (hit) rightDespiteWrong++;
    }
  });
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)}%`;
  return `| ${name} | ${pct(none, dev.length)} | ${pct(withChoices, dev.length)} | ${pct(rightDespiteWrong, wrong)} of ${wrong} |`;
}
console.log("\nChosen category, simulated: 80% right, 10% wrong, 10% none\n");
console.log("| approach | dev, no choice | dev, simulated choice | right despite a wrong choice |");
console.log("| --- | ---: | ---: | ---: |");
console.log(choiceRow("feature token, trained with the same simulation", tokenPredict));
const model = trainRoutingModel(train, "comparison");
for (const trust of [0.6, 0.8, 0.9]) {
  const classifier = createClassifier(model, { chosenCategoryAccuracy: trust });
  const predict = (text: string, chosen: Category | undefined) =>
    classifier.classify(text, { chosenCategory: chosen }).category;
  console.log(
    choiceRow(`Bayes blend at inference, a = ${trust}${trust === 0.8 ? " (shipped)" : ""}`, predict),
  );
}
