import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const git = (projectRoot: string, args: string[]): Buffer =>
  execFileSync("git", args, { cwd: projectRoot, maxBuffer: 256 * 1024 * 1024 });

/** `abc1234`, or `abc1234+changes` when the working tree differs from it. */
export function describeTree(projectRoot: string): string {
  const commit = git(projectRoot, ["rev-parse", "--short", "HEAD"]).toString().trim();
  const dirty = git(projectRoot, ["status", "--porcelain", "--untracked-files=no"]).toString().trim() !== "";
  return dirty ? `${commit}+changes` : commit;
}

/**
 * The files of `ref` in a temporary folder that shares the project's node_modules, so a baseline can be
 * built next to the working tree with the same dependencies. Returns the folder and the short commit.
 */
export function exportRef(projectRoot: string, ref: string): { dir: string; commit: string } {
  const commit = git(projectRoot, ["rev-parse", "--short", "--verify", `${ref}^{commit}`])
    .toString()
    .trim();
  const dir = mkdtempSync(join(tmpdir(), `bench-${commit}-`));
  execFileSync("tar", ["-x", "-C", dir], { input: git(projectRoot, ["archive", "--format=tar", commit]) });
  symlinkSync(join(projectRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return { dir, commit };
}
