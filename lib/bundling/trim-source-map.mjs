// Cuts a bundle's source map down to the project's own files; after-bundling.mjs applies it to every function.
//
// Logged errors are mapped through the map (src/adapters/observability/stack-frames.ts), which then decodes
// it whole: for the intake function that was about 100,000 mappings, nine in ten of them into node_modules.
// Stack frames in our code keep their file and line; frames inside dependencies show bundle positions
// (docs/performance.md).
// Plain JavaScript so that bundling can run it with `node`, without a TypeScript loader.
import { decode, encode } from "@jridgewell/sourcemap-codec";

/** Whether a source path in the map is the project's own (not a dependency). */
export const isOwnSource = (source) => !source.split(/[\\/]/).includes("node_modules");

/**
 * The map with only the mappings, sources and names that belong to the project's own files. Generated
 * positions are kept, so what remains still points at the same places in the bundle.
 * @param {{ sources: string[], names: string[], mappings: string, sourcesContent?: (string | null)[] }} map
 */
export function keepOwnSources(map) {
  const sourceIndex = new Map();
  const nameIndex = new Map();
  const sources = [];
  const names = [];
  const renumber = (index, table, from, into) => {
    if (!table.has(index)) {
      table.set(index, into.length);
      into.push(from[index]);
    }
    return table.get(index);
  };
  // A dependency's segment becomes an unmapped one rather than vanishing: otherwise the mapping before it
  // would stretch over the dependency's code and claim its frames for one of our lines.
  const mappings = decode(map.mappings).map((line) => {
    const kept = [];
    for (const segment of line) {
      if (segment.length === 1 || !isOwnSource(map.sources[segment[1]])) {
        if (kept.length > 0 && kept.at(-1).length > 1) kept.push([segment[0]]);
        continue;
      }
      const [column, source, sourceLine, sourceColumn, name] = segment;
      const mapped = [column, renumber(source, sourceIndex, map.sources, sources), sourceLine, sourceColumn];
      kept.push(name === undefined ? mapped : [...mapped, renumber(name, nameIndex, map.names, names)]);
    }
    return kept;
  });
  const trimmed = { ...map, sources, names, mappings: encode(mappings) };
  if (map.sourcesContent) trimmed.sourcesContent = [...sourceIndex.keys()].map((i) => map.sourcesContent[i]);
  return trimmed;
}
