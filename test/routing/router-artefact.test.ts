/**
 * Checks the committed artefact models/router.json: the accuracy gates on the dev sets, that it
 * was trained from the current data and training code, and how it behaves on messy input.
 * Retraining takes tens of seconds, so staleness is detected from the recorded data hash and
 * code version instead.
 */
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadExamples, RU_DEV, SHARED_DEV } from "../../scripts/routing/load-examples.js";
import { loadModel, MODEL_PATH } from "../../scripts/routing/model-file.js";
import { trainingDataHash } from "../../scripts/routing/training-set.js";
import type { Category } from "../../src/domain/routing/categories.js";
import { createClassifier } from "../../src/domain/routing/classifier.js";
import { TRAINING_CODE_VERSION } from "../../src/domain/routing/train.js";

const model = loadModel();
const router = createClassifier(model);

function accuracy(file: string): number {
  const examples = loadExamples(file);
  return examples.filter((e) => router.classify(e.text).category === e.category).length / examples.length;
}

describe("accuracy gates", () => {
  it("routes at least 97% of the shared dev set right", () => {
    expect(accuracy(SHARED_DEV)).toBeGreaterThanOrEqual(0.97);
  });

  // Achieved 86.7% (170 of 196); the gate leaves five messages of margin for retraining noise.
  it("routes at least 84% of the Russian dev set right", () => {
    expect(accuracy(RU_DEV)).toBeGreaterThanOrEqual(0.84);
  });
});

describe("artefact", () => {
  it("was trained on the current training files", () => {
    expect(model.training.dataHash).toBe(trainingDataHash());
  });

  it("was trained by the current training code", () => {
    expect(model.training.codeVersion).toBe(TRAINING_CODE_VERSION);
  });

  it("stays well under 2 MB", () => {
    expect(statSync(MODEL_PATH).size).toBeLessThan(1024 * 1024);
  });
});

function expectRouted(cases: ReadonlyArray<readonly [string, Category]>): void {
  for (const [text, category] of cases) expect(router.classify(text).category, text).toBe(category);
}

describe("robustness", () => {
  it("routes misspelt messages", () => {
    expectRouted([
      ["i cant loggin to my acount", "account"],
      ["deleet my acount", "account"],
      ["i wnat a refnud for my ordr", "returns"],
      ["refnd my mony pls", "returns"],
      ["где моя посылкка", "shipping"],
      ["не могу зайти в акаунт", "account"],
      ["вернити деньги", "returns"],
      ["атмените заказ", "order"],
    ]);
  });

  it("ignores emoji, case, punctuation and full-width letters", () => {
    const plain = router.classify("where is my parcel");
    for (const variant of [
      "Where is my parcel?! 📦😡",
      "WHERE IS MY PARCEL",
      "ｗｈｅｒｅ ｉｓ ｍｙ ｐａｒｃｅｌ",
    ]) {
      expect(router.classify(variant)).toEqual(plain);
    }
  });

  it("routes one-word messages", () => {
    expectRouted([
      ["refund", "returns"],
      ["invoice", "payment"],
      ["delivery", "shipping"],
      ["password", "account"],
      ["cancel", "order"],
      ["price", "product"],
      ["operator", "other"],
      ["возврат", "returns"],
      ["пароль", "account"],
      ["доставка", "shipping"],
    ]);
  });

  it("is not confident about messages without content, so they go to triage", () => {
    for (const text of ["", "🙂👍", "...", "hmm", "asdfgh"]) {
      expect(router.classify(text).confidence, text).toBeLessThan(0.8);
    }
  });

  // The second topic is not always ranked second: "forgot my password and my delivery is late"
  // gives shipping 0.75, payment 0.24, account 0.01.
  it("routes a mixed message to one of its topics, less surely than a single-topic one", () => {
    const mixed: ReadonlyArray<readonly [string, Category, Category]> = [
      ["I want to return the shoes and also change my account password", "returns", "account"],
      ["forgot my password and my delivery is late", "account", "shipping"],
      ["my payment was declined, and where is my parcel?", "payment", "shipping"],
      ["хочу вернуть товар и удалить аккаунт", "returns", "account"],
      ["оплата не прошла, и где мой заказ?", "payment", "shipping"],
    ];
    const single = [
      "I want to return the shoes",
      "my delivery is late",
      "хочу вернуть товар",
      "оплата не прошла",
    ];
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    for (const [text, a, b] of mixed) expect([a, b], text).toContain(router.classify(text).category);
    const mixedConfidence = mean(mixed.map(([text]) => router.classify(text).confidence));
    expect(mixedConfidence).toBeLessThan(mean(single.map((text) => router.classify(text).confidence)) - 0.1);
  });
});

describe("chosen category", () => {
  it("is overruled by a clear message, confidently", () => {
    const result = router.classify("не могу войти в аккаунт, пароль не подходит", {
      chosenCategory: "payment",
    });
    expect(result.category).toBe("account");
    expect(result.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("decides an ambiguous message", () => {
    expect(router.classify("were is my pakage", { chosenCategory: "shipping" }).category).toBe("shipping");
  });
});
