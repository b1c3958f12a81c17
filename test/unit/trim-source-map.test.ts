import { encode } from "@jridgewell/sourcemap-codec";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { describe, expect, it } from "vitest";
import { isOwnSource, keepOwnSources } from "../../lib/bundling/trim-source-map.mjs";

// One generated line: our code at columns 0-9, a dependency at 10-19, our code again from 20.
const bundleMap = {
  version: 3,
  sources: ["../src/a.ts", "../node_modules/dep/index.js", "../src/b.ts"],
  names: ["ours", "theirs", "alsoOurs"],
  mappings: encode([
    [
      [0, 0, 0, 0, 0],
      [10, 1, 41, 2, 1],
      [20, 2, 5, 4, 2],
    ],
  ]),
};

const at = (map: object, column: number) =>
  originalPositionFor(new TraceMap(map as never), { line: 1, column });

describe("keepOwnSources", () => {
  const trimmed = keepOwnSources(bundleMap);

  it("keeps our files and names only, renumbered", () => {
    expect(trimmed.sources).toEqual(["../src/a.ts", "../src/b.ts"]);
    expect(trimmed.names).toEqual(["ours", "alsoOurs"]);
  });

  it("still maps our code to the same places", () => {
    expect(at(trimmed, 3)).toEqual(at(bundleMap, 3));
    expect(at(trimmed, 25)).toEqual(at(bundleMap, 25));
    expect(at(trimmed, 25)).toMatchObject({ source: "../src/b.ts", line: 6, column: 4, name: "alsoOurs" });
  });

  it("leaves a dependency's code unmapped instead of claiming it for the line before", () => {
    expect(at(bundleMap, 12)).toMatchObject({ source: "../node_modules/dep/index.js" });
    expect(at(trimmed, 12)).toMatchObject({ source: null, line: null });
  });

  it("tells dependencies from our files on either path separator", () => {
    expect(isOwnSource("../../src/wiring/aws-intake.ts")).toBe(true);
    expect(isOwnSource("../node_modules/grammy/out/bot.js")).toBe(false);
    expect(isOwnSource("..\\node_modules\\grammy\\out\\bot.js")).toBe(false);
  });
});
