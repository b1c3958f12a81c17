import type { BuildOptions } from "esbuild";
import { BRIDGE_BUNDLING, PROJECT_ROOT } from "./bridge-function.js";

/**
 * BRIDGE_BUNDLING as esbuild API options, the way NodejsFunction passes it on esbuild's command line, for
 * scripts and tests that bundle outside CDK. `alias` mirrors BRIDGE_BUNDLING.esbuildArgs; relative alias
 * paths resolve from the project root, as they do for CDK, which runs esbuild there.
 */
export function esbuildEquivalent(external: string[] = []): BuildOptions {
  const alias = Object.fromEntries(
    Object.entries(BRIDGE_BUNDLING.esbuildArgs ?? {})
      .filter(([flag]) => flag.startsWith("--alias:"))
      .map(([flag, target]) => [flag.slice("--alias:".length), String(target)]),
  );
  return {
    bundle: true,
    platform: "node",
    format: "esm",
    target: BRIDGE_BUNDLING.target ?? "node24",
    minify: BRIDGE_BUNDLING.minify ?? false,
    keepNames: BRIDGE_BUNDLING.keepNames ?? false,
    sourcemap: BRIDGE_BUNDLING.sourceMap ?? false,
    sourcesContent: BRIDGE_BUNDLING.sourcesContent ?? true,
    mainFields: BRIDGE_BUNDLING.mainFields ?? [],
    ...(BRIDGE_BUNDLING.banner !== undefined ? { banner: { js: BRIDGE_BUNDLING.banner } } : {}),
    alias,
    absWorkingDir: PROJECT_ROOT,
    external,
    logLevel: "error",
  };
}
