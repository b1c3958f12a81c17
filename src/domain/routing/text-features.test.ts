import { describe, expect, it } from "vitest";
import {
  extractFeatures,
  type FeatureOptions,
  hashString,
  normaliseText,
  tokenise,
} from "./text-features.js";

const options: FeatureOptions = {
  hashBits: 20,
  wordNgramMax: 2,
  charNgramMin: 2,
  charNgramMax: 5,
  wordWeight: 1,
  charWeight: 1,
};

function cosine(a: string, b: string): number {
  const x = extractFeatures(a, options);
  const y = extractFeatures(b, options);
  const yValues = new Map<number, number>();
  y.ids.forEach((id, i) => {
    yValues.set(id, y.values[i] as number);
  });
  let dot = 0;
  x.ids.forEach((id, i) => {
    dot += (x.values[i] as number) * (yValues.get(id) ?? 0);
  });
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((sum, value) => sum + value * value, 0));
  return dot / (norm(x.values) * norm(y.values));
}

describe("normaliseText", () => {
  it("lowercases and collapses punctuation into single spaces", () => {
    expect(normaliseText("  Where IS my parcel?!  ")).toBe("where is my parcel");
  });

  it("applies NFKC so full-width letters become plain ones", () => {
    expect(normaliseText("ｗｈｅｒｅ ｉｓ ｍｙ ｐａｒｃｅｌ")).toBe("where is my parcel");
  });

  it("folds ё into е", () => {
    expect(normaliseText("Ещё ЁЛКА")).toBe("еще елка");
  });

  it("drops emoji, including joined and modified ones", () => {
    expect(normaliseText("refund 😡👍🏽 please 👨‍👩‍👧")).toBe("refund please");
  });

  it("replaces order numbers, amounts and dates by a placeholder", () => {
    expect(normaliseText("ORD-751240 #48213 $12.50 2024-05-01")).toBe("ord 0 0 0 0");
  });

  it("replaces links and e-mail addresses by placeholders", () => {
    expect(normaliseText("see https://shop.example/x?y=1 or mail me@mail.example")).toBe(
      "see url or mail email",
    );
  });

  it("removes apostrophes so contractions match their common misspellings", () => {
    expect(normaliseText("I don't, can’t")).toBe(normaliseText("i dont cant"));
  });

  it("shortens letters repeated three or more times to two", () => {
    expect(normaliseText("pleeeease helpppp, спасибооо")).toBe("pleease helpp спасибоо");
  });

  it("keeps Cyrillic words", () => {
    expect(tokenise(normaliseText("Где моя посылка?"))).toEqual(["где", "моя", "посылка"]);
  });
});

describe("tokenise", () => {
  it("returns no words for an empty text", () => {
    expect(tokenise("")).toEqual([]);
  });
});

describe("hashString", () => {
  it("is 32-bit FNV-1a, so feature ids never change between runs or Node versions", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
    expect(hashString("foobar")).toBe(0xbf9cf968);
  });
});

describe("extractFeatures", () => {
  it("gives the word block and the character block unit norm each", () => {
    const x = extractFeatures("where is my parcel", options);
    const squares = x.values.reduce((sum, v) => sum + v * v, 0);
    // Two unit blocks; hash collisions between them are rare enough not to matter here.
    expect(squares).toBeCloseTo(2, 1);
  });

  it("returns an empty vector for text without words", () => {
    expect(extractFeatures("😀 !!! ...", options).ids).toHaveLength(0);
  });

  it("keeps ids inside the hashed space", () => {
    const x = extractFeatures("где моя посылка, order ORD-751240", { ...options, hashBits: 12 });
    expect(Math.max(...x.ids)).toBeLessThan(2 ** 12);
    expect(Math.min(...x.ids)).toBeGreaterThanOrEqual(0);
  });

  it("keeps a misspelt message close to the original through character n-grams", () => {
    expect(cosine("i cant log in to my account", "i cant loggin to my acount")).toBeGreaterThan(0.5);
    expect(cosine("i cant log in to my account", "where is my parcel")).toBeLessThan(0.25);
  });

  it("makes a message with emoji identical to the message without", () => {
    expect(extractFeatures("where is my parcel 📦😡", options)).toEqual(
      extractFeatures("where is my parcel", options),
    );
  });
});
