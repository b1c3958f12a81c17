import { describe, expect, it } from "vitest";
import { addTypos, fragment } from "./augmentation.js";
import { createRandom, shuffleInPlace } from "./random.js";

describe("addTypos", () => {
  it("is deterministic for a seed", () => {
    const text = "please cancel my subscription today";
    expect(addTypos(text, 0.5, createRandom(1))).toBe(addTypos(text, 0.5, createRandom(1)));
  });

  it("changes at most one character per word and leaves short words alone", () => {
    const words = "i am at my wits end with this delivery".split(" ");
    const noisy = addTypos(words.join(" "), 1, createRandom(2)).split(" ");
    expect(noisy).toHaveLength(words.length);
    noisy.forEach((word, i) => {
      const original = words[i] ?? "";
      if (original.length < 4) expect(word).toBe(original);
      else expect(Math.abs(word.length - original.length)).toBeLessThanOrEqual(1);
    });
  });
});

describe("fragment", () => {
  it("keeps a window of consecutive words", () => {
    const text = "one two three four five six";
    const window = fragment(text, 3, createRandom(3));
    expect(window.split(" ")).toHaveLength(3);
    expect(text).toContain(window);
  });

  it("leaves short texts whole", () => {
    expect(fragment("where is it", 3, createRandom(4))).toBe("where is it");
  });
});

describe("shuffleInPlace", () => {
  it("permutes deterministically for a seed", () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 8];
    const b = [...a];
    shuffleInPlace(a, createRandom(9));
    shuffleInPlace(b, createRandom(9));
    expect(a).toEqual(b);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
