// Marks the module wrappers in a bundle as run at once; after-bundling.mjs applies it to every function.
//
// esbuild wraps each CommonJS module (and each ES module that is required or imported on demand) in a
// function that runs when the module is first required; in a function's bundle nearly all of them run at
// init. V8 compiles a function lazily: it pre-parses the body while parsing the file, then parses it again
// when it is called. A parenthesis just before a function tells V8 it is likely called at once, and V8
// compiles it in one pass (https://v8.dev/blog/preparser#pife; arrow functions too:
// https://github.com/evanw/esbuild/issues/4252). esbuild does not parenthesize its own wrappers, so this
// does, after bundling. For the intake bundle it saves about 7% of the import's instructions on the main
// thread (docs/performance.md, fourth pass). A wrapper that never runs only costs its eager compile.
// Plain JavaScript so that bundling can run it with `node`, without a TypeScript loader.
import { decode, encode } from "@jridgewell/sourcemap-codec";
import { parse } from "acorn";

const isFunctionLiteral = (node) =>
  node?.type === "ArrowFunctionExpression" || node?.type === "FunctionExpression";

/**
 * The names of esbuild's module helpers (`__commonJS`, `__esm`), which minifying renames: top-level
 * bindings to a curried arrow, `(cb, mod) => () => ...`. Anything else of that shape is harmless to
 * include: a parenthesis only changes when V8 compiles a function, never what it does.
 */
function moduleHelperNames(program) {
  const names = new Set();
  for (const declarator of topLevelDeclarators(program)) {
    const init = declarator.init;
    if (
      declarator.id.type === "Identifier" &&
      init?.type === "ArrowFunctionExpression" &&
      init.body.type === "ArrowFunctionExpression" &&
      init.body.params.length === 0
    ) {
      names.add(declarator.id.name);
    }
  }
  return names;
}

function* topLevelDeclarators(program) {
  for (const statement of program.body) {
    if (statement.type === "VariableDeclaration") yield* statement.declarations;
  }
}

/** Offsets of the wrapper functions' first and past-the-end characters, in the order they appear. */
function wrapperBounds(code) {
  const program = parse(code, { ecmaVersion: "latest", sourceType: "module" });
  const helpers = moduleHelperNames(program);
  const bounds = [];
  for (const { init } of topLevelDeclarators(program)) {
    if (
      init?.type === "CallExpression" &&
      init.callee.type === "Identifier" &&
      helpers.has(init.callee.name) &&
      init.arguments.length === 1 &&
      isFunctionLiteral(init.arguments[0])
    ) {
      bounds.push(init.arguments[0].start, init.arguments[0].end);
    }
  }
  return bounds;
}

/** The map with every generated column moved right by the characters inserted at or before it. */
function shiftedMap(map, code, insertedAt) {
  const lines = decode(map.mappings);
  let line = 0;
  let lineStart = 0;
  const insertedOnLine = new Map();
  for (const offset of insertedAt) {
    for (let newline = code.indexOf("\n", lineStart); newline !== -1 && newline < offset; ) {
      line += 1;
      lineStart = newline + 1;
      newline = code.indexOf("\n", lineStart);
    }
    insertedOnLine.set(line, [...(insertedOnLine.get(line) ?? []), offset - lineStart]);
  }
  for (const [index, columns] of insertedOnLine) {
    for (const segment of lines[index] ?? []) {
      segment[0] += columns.filter((column) => column <= segment[0]).length;
    }
  }
  return { ...map, mappings: encode(lines) };
}

/**
 * The bundle with its module wrappers parenthesized, and its source map (if given) moved to match.
 * @template {{ mappings: string }} M
 * @param {string} code
 * @param {M} [map]
 * @returns {{ code: string, map: M | undefined, wrappers: number }}
 */
export function eagerModuleWrappers(code, map) {
  const insertedAt = wrapperBounds(code);
  let result = "";
  let from = 0;
  insertedAt.forEach((offset, index) => {
    result += code.slice(from, offset) + (index % 2 === 0 ? "(" : ")");
    from = offset;
  });
  result += code.slice(from);
  return {
    code: result,
    map: map === undefined ? undefined : shiftedMap(map, code, insertedAt),
    wrappers: insertedAt.length / 2,
  };
}
