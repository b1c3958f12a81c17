// What every function's bundling does after esbuild (lib/constructs/bridge-function.ts), in Node rather than
// shell commands so that it runs wherever `cdk synth` does: `node after-bundling.mjs <projectRoot> <outputDir>`.
// 1. The bot texts go to `locales/` beside index.mjs, where src/adapters/telegram/i18n.ts reads them.
// 2. The module wrappers are parenthesized so that V8 compiles each once (eager-module-wrappers.mjs), and the
//    source map is moved to match.
// 3. The source map keeps our own files only (trim-source-map.mjs), named from the project root
//    (`src/adapters/...`), which is how logged stack frames show them.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { eagerModuleWrappers } from "./eager-module-wrappers.mjs";
import { keepOwnSources } from "./trim-source-map.mjs";

const [projectRoot, outputDir] = process.argv.slice(2);
if (!projectRoot || !outputDir) throw new Error("usage: node after-bundling.mjs <projectRoot> <outputDir>");

cpSync(join(projectRoot, "src", "adapters", "telegram", "locales"), join(outputDir, "locales"), {
  recursive: true,
});

const bundle = join(outputDir, "index.mjs");
const mapFile = join(outputDir, "index.mjs.map");
const hasMap = existsSync(mapFile);
const { code, map } = eagerModuleWrappers(
  readFileSync(bundle, "utf8"),
  hasMap ? JSON.parse(readFileSync(mapFile, "utf8")) : undefined,
);
writeFileSync(bundle, code);
if (map) {
  const own = keepOwnSources(map);
  const sources = own.sources.map((source) => relative(projectRoot, resolve(outputDir, source)));
  writeFileSync(mapFile, JSON.stringify({ ...own, sources }));
}
