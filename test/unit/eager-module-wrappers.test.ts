import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { decode } from "@jridgewell/sourcemap-codec";
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { eagerModuleWrappers } from "../../lib/bundling/eager-module-wrappers.mjs";
import { esbuildEquivalent } from "../../lib/constructs/bundling-equivalent.js";
import { moduleWrapperOf } from "../support/module-wrapper.js";
import { temporaryDirectory } from "../support/temp-dir.js";

const execFileAsync = promisify(execFile);
const dir = temporaryDirectory("eager-module-wrappers");

interface SourceMap {
  version: number;
  sources: string[];
  names: string[];
  mappings: string;
}

/** Bundled with the functions' esbuild options: a CommonJS dependency, a lazily imported module, a plain call. */
async function bundleFixture(): Promise<{ code: string; map: SourceMap }> {
  // `exports.` rather than `module.exports`: esbuild then maps the wrapper's first character, as it does for
  // grammY's modules.
  await writeFile(join(dir(), "dependency.cjs"), '"use strict";\nexports.greeting = "cjs module body";\n');
  await writeFile(join(dir(), "lazy.mjs"), 'export const lazyValue = "lazily imported module body";\n');
  await writeFile(
    join(dir(), "entry.mjs"),
    [
      'import dependency from "./dependency.cjs";',
      "function remember(make) { let value; return () => (value ??= make()); }",
      'const notAWrapper = remember(() => { return "called later, or never"; });',
      "export const handler = async () =>",
      '  [dependency.greeting, (await import("./lazy.mjs")).lazyValue, notAWrapper()];',
    ].join("\n"),
  );
  const result = await build({
    ...esbuildEquivalent(),
    sourcemap: true,
    entryPoints: [join(dir(), "entry.mjs")],
    outfile: join(dir(), "bundle.mjs"),
    write: false,
  });
  const file = (suffix: string) =>
    result.outputFiles?.find((output) => output.path.endsWith(suffix))?.text ?? "";
  return { code: file(".mjs"), map: JSON.parse(file(".mjs.map")) as SourceMap };
}

const positionOf = (code: string, text: string) => {
  const offset = code.indexOf(text);
  const lines = code.slice(0, offset).split("\n");
  return { line: lines.length, column: lines.at(-1)?.length ?? 0 };
};

describe("eagerModuleWrappers", () => {
  let bundled: { code: string; map: SourceMap };
  let eager: ReturnType<typeof eagerModuleWrappers<SourceMap>>;
  beforeAll(async () => {
    bundled = await bundleFixture();
    eager = eagerModuleWrappers(bundled.code, bundled.map);
  });

  it("parenthesizes the wrappers of a CommonJS module and of a lazily imported ES module", () => {
    expect(moduleWrapperOf(bundled.code, "cjs module body")).toBe("bare");
    expect(moduleWrapperOf(bundled.code, "lazily imported module body")).toBe("bare");

    expect(eager.wrappers).toBe(2);
    expect(moduleWrapperOf(eager.code, "cjs module body")).toBe("parenthesized");
    expect(moduleWrapperOf(eager.code, "lazily imported module body")).toBe("parenthesized");
  });

  it("leaves a function passed to anything else alone: it may never be called", () => {
    expect(moduleWrapperOf(eager.code, "called later, or never")).toBe("bare");
    expect(eager.code.length).toBe(bundled.code.length + 2 * eager.wrappers);
  });

  it("does not change what the bundle does", async () => {
    const run = async (code: string, name: string) => {
      const file = join(dir(), name);
      await writeFile(file, code);
      const { stdout } = await execFileAsync(process.execPath, [
        "--input-type=module",
        "-e",
        `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
         process.stdout.write(JSON.stringify(await handler()));`,
      ]);
      return JSON.parse(stdout) as string[];
    };
    expect(await run(eager.code, "eager.mjs")).toEqual(await run(bundled.code, "bundled.mjs"));
    expect(await run(eager.code, "eager-again.mjs")).toEqual([
      "cjs module body",
      "lazily imported module body",
      "called later, or never",
    ]);
  });

  it("moves the source map with the code: every mapping still points at the same character", () => {
    const mappedCharacters = (code: string, map: SourceMap) => {
      const lines = code.split("\n");
      return decode(map.mappings).flatMap((segments, line) =>
        segments.map(([column]) => lines[line]?.[column]),
      );
    };
    const before = mappedCharacters(bundled.code, bundled.map);
    expect(before.length).toBeGreaterThan(10);
    expect(mappedCharacters(eager.code, eager.map as SourceMap)).toEqual(before);
  });

  it("still maps the modules' code to their sources", () => {
    const before = new TraceMap(bundled.map as never);
    const after = new TraceMap(eager.map as never);
    for (const text of ['"cjs module body"', '"lazily imported module body"', '"called later, or never"']) {
      const original = originalPositionFor(before, positionOf(bundled.code, text));
      expect(original.source).not.toBeNull();
      expect(originalPositionFor(after, positionOf(eager.code, text))).toEqual(original);
    }
  });

  it("returns a bundle without module wrappers as it was", () => {
    const code = "const answer = (() => 42)();\nexport { answer };\n";
    expect(eagerModuleWrappers(code)).toEqual({ code, map: undefined, wrappers: 0 });
  });
});
