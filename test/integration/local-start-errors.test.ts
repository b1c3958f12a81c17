import { spawnSync } from "node:child_process";
import { cp, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectory } from "../support/temp-dir.js";

const root = join(import.meta.dirname, "../..");
const copies = temporaryDirectory("local-start");

/** `npm start` in a copy of the repository whose sla-policies.json is changed by `spoil`. */
async function startWithSlaPolicies(name: string, spoil: (json: string) => string) {
  const dir = join(copies(), name);
  for (const part of ["src", "config", "models", "package.json", "tsconfig.json"])
    await cp(join(root, part), join(dir, part), { recursive: true });
  await symlink(join(root, "node_modules"), join(dir, "node_modules"));
  const file = join(dir, "config/sla-policies.json");
  await writeFile(file, spoil(await readFile(file, "utf8")));
  return spawnSync(join(dir, "node_modules/.bin/tsx"), ["src/local/main.ts"], {
    cwd: dir,
    env: { ...process.env, PORT: "0", DATA_DIR: join(dir, "data") },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start with a mistake in config/", () => {
  it("names the file and the setting in a message, not a crash with a code frame", {
    timeout: 90_000,
  }, async () => {
    const run = await startWithSlaPolicies("wrong-type", (json) =>
      json.replace(/"cooldownMinutes": *(\d+)/, '"cooldownMinutes": "$1"'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "Invalid config/sla-policies.json:\n  cooldownMinutes: Invalid input: expected number, received string",
    );
  });

  it("points at the place of a JSON syntax error", { timeout: 90_000 }, async () => {
    const run = await startWithSlaPolicies("bad-json", (json) =>
      json.replace(/("cooldownMinutes": *\d+),/, "$1,,"),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/config\/sla-policies\.json:\d+:\d+: ERROR: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
