import { existsSync, readFileSync } from "node:fs";
import type { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

const MAX_FRAMES = 8;
/** `    at name (location:line:column)` or `    at location:line:column`. */
const FRAME = /^\s*at (?:.* \()?(.+?):(\d+):(\d+)\)?$/;

const maps = new Map<string, SourceMap | undefined>();

/**
 * The source map beside a bundle (`index.mjs.map`), read and decoded the first time one of its frames is
 * logged. Lambda runs without `--enable-source-maps`, which would decode it on every cold start
 * (docs/decisions.md); a run from TypeScript sources has no map beside its files and needs none.
 */
function sourceMapOf(location: string): SourceMap | undefined {
  if (!maps.has(location)) {
    let map: SourceMap | undefined;
    try {
      const path = location.startsWith("file:") ? fileURLToPath(location) : location;
      if (existsSync(`${path}.map`)) {
        // Reached through getBuiltinModule: an ES import of node:module would load Node's source map
        // decoder into every container at import, errors or not.
        const { SourceMap: Decoder } = process.getBuiltinModule("node:module");
        map = new Decoder(JSON.parse(readFileSync(`${path}.map`, "utf8")));
      }
    } catch {
      // A frame we cannot map is logged as it is.
    }
    maps.set(location, map);
  }
  return maps.get(location);
}

function mapped(frame: string): string {
  const match = FRAME.exec(frame);
  if (!match) return frame.trim();
  const [, location = "", line, column] = match;
  const origin = sourceMapOf(location)?.findEntry(Number(line) - 1, Number(column) - 1);
  // Node gives an entry without a source for code the map leaves unmapped (our dependencies').
  if (origin === undefined || !("originalSource" in origin) || origin.originalSource === undefined) {
    return frame.trim();
  }
  // The function's name in a bundle is the minifier's, so only the place is given.
  return `at ${origin.originalSource}:${origin.originalLine + 1}:${origin.originalColumn + 1}`;
}

/**
 * The first frames of an error's stack, without its message (which is logged on its own, redacted). In a
 * bundle, frames in our code become `at src/...ts:line:column`; frames in dependencies keep bundle positions,
 * as the deployed source maps cover our own files only (lib/bundling/trim-source-map.mjs).
 */
export function stackFrames(error: Error): string[] {
  return (error.stack ?? "")
    .split("\n")
    .filter((line) => FRAME.test(line))
    .slice(0, MAX_FRAMES)
    .map(mapped);
}
