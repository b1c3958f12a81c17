import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { arch, platform } from "node:os";
import { join } from "node:path";

/** The Node.js major version of the functions' Lambda runtime (lib/constructs/bridge-function.ts). */
export const LAMBDA_NODE_MAJOR = 24;

/**
 * A Node binary of the Lambda runtime's major version for this machine, so cold init can be timed on the
 * Node that runs the functions rather than the one running the bench. The npm registry carries Node's
 * official builds as `node-<platform>-<arch>` packages; the newest 24.x is fetched once into
 * `node_modules/.cache/lambda-node` (no other network is needed).
 */
export function lambdaNode(cacheRoot: string): string {
  const dir = join(cacheRoot, "node_modules", ".cache", "lambda-node");
  const bin = join(dir, "package", "bin", "node");
  if (existsSync(bin)) return bin;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const spec = `node-${platform()}-${arch()}@${LAMBDA_NODE_MAJOR}`;
  execFileSync("npm", ["pack", spec, "--pack-destination", dir, "--silent"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack ${spec} left no tarball in ${dir}`);
  execFileSync("tar", ["-xzf", tarball], { cwd: dir });
  rmSync(join(dir, tarball));
  return bin;
}

/** `node --version` of a binary. */
export const nodeVersion = (bin: string): string =>
  execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
