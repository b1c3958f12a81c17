import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { App, Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";

export interface BuiltBundle {
  readonly label: string;
  /** index.mjs, in a folder under the project's node_modules so an external SDK resolves from there. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly mapBytes: number;
}

/**
 * Bundles one Lambda entry the way `cdk synth` does, by synthesizing a throwaway app with a
 * `NodejsFunction` that gets the given bundling options: the same esbuild command line, not a
 * translation of it. The result is copied to `node_modules/.cache/bench-intake/<label>` of
 * `cacheRoot` (the project being measured).
 */
export function bundleWithCdk(options: {
  readonly label: string;
  readonly entry: string;
  readonly projectRoot: string;
  readonly bundling: BundlingOptions;
  readonly cacheRoot: string;
}): BuiltBundle {
  const outdir = mkdtempSync(join(tmpdir(), "bench-cdk-"));
  try {
    const app = new App({ outdir });
    new NodejsFunction(new Stack(app, "Bench"), "Fn", {
      entry: options.entry,
      handler: "handler",
      projectRoot: options.projectRoot,
      depsLockFilePath: join(options.projectRoot, "package-lock.json"),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      bundling: options.bundling,
    });
    app.synth();
    const assets = readdirSync(outdir).filter((name) => existsSync(join(outdir, name, "index.mjs")));
    if (assets.length !== 1)
      throw new Error(`expected one bundled asset in ${outdir}, found ${assets.length}`);
    const source = join(outdir, assets[0] as string);
    const target = join(options.cacheRoot, "node_modules", ".cache", "bench-intake", options.label);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(source, target, { recursive: true });
    const file = join(target, "index.mjs");
    const map = `${file}.map`;
    return {
      label: options.label,
      file,
      bytes: statSync(file).size,
      gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length,
      mapBytes: existsSync(map) ? statSync(map).size : 0,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
