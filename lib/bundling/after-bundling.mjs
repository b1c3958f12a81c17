// What every function's bundling does after esbuild (lib/constructs/bridge-function.ts), in Node rather than
// shell commands so that it runs wherever `cdk synth` does: `node after-bundling.mjs <projectRoot> <outputDir>`.
// 1. The bot texts go to `locales/` beside index.mjs, where src/adapters/telegram/i18n.ts reads them.
// 2. The source map keeps our own files only (trim-source-map.mjs), named from the project root
//    (`src/adapters/...`), which is how logged stack frames show them.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { keepOwnSources } from "./trim-source-map.mjs";

const [projectRoot, outputDir] = process.argv.slice(2);
if (!projectRoot || !outputDir) throw new Error("usage: node after-bundling.mjs <projectRoot> <outputDir>");

cpSync(join(projectRoot, "src", "adapters", "telegram", "locales"), join(outputDir, "locales"), {
  recursive: true,
});

const map = join(outputDir, "index.mjs.map");
if (existsSync(map)) {
  const own = keepOwnSources(JSON.parse(readFileSync(map, "utf8")));
  const sources = own.sources.map((source) => relative(projectRoot, resolve(outputDir, source)));
  writeFileSync(map, JSON.stringify({ ...own, sources }));
}
