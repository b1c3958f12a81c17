import { join } from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT } from "../../lib/constructs/bridge-function.js";
import { esbuildEquivalent } from "../../lib/constructs/bundling-equivalent.js";

/**
 * Bundles a short TypeScript program with the functions' esbuild options (stand-ins included) into
 * `<dir>/<name>.mjs`, for a test to run in its own Node process. Imports resolve from the project root.
 */
export async function bundleScript(dir: string, name: string, contents: string): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    ...esbuildEquivalent(),
    stdin: { contents, resolveDir: PROJECT_ROOT, loader: "ts" },
    outfile,
  });
  return outfile;
}
