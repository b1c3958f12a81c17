import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MADE_UP_FUNCTION_ENV } from "../../scripts/support/made-up-function-env.js";

/** The intake function's environment as on Lambda, with made-up values, and its service name. */
export const DUMMY_INTAKE_ENV: Readonly<Record<string, string>> = {
  ...MADE_UP_FUNCTION_ENV,
  POWERTOOLS_SERVICE_NAME: "intake",
};

let home: string | undefined;
const probeEnv = (extra: Readonly<Record<string, string>>) => {
  if (home === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "bench-home-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    home = dir;
  }
  return { PATH: process.env.PATH ?? "", HOME: home, ...DUMMY_INTAKE_ENV, ...extra };
};

const run = (node: string, args: string[], extraEnv: Readonly<Record<string, string>> = {}): string =>
  execFileSync(node, args, {
    env: probeEnv(extraEnv),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/** One cold import: wall-clock time, and CPU time of the whole process over the same span. */
export interface InitSample {
  readonly wallMs: number;
  /** User + system time of all the process's threads (GC and compiler helpers too); less sensitive to load. */
  readonly cpuMs: number;
}

/**
 * Times `import()` of the bundle in a fresh Node process: loading, compiling and running the module's top
 * level, which is what Lambda's Init phase does with a handler (runtime start-up aside). `sourceMaps` adds
 * `--enable-source-maps`, as the functions' NODE_OPTIONS do. `node` is the binary that imports it.
 */
export function timeImport(file: string, sourceMaps: boolean, node = process.execPath): InitSample {
  const probe = `
    const t = performance.now();
    const cpu = process.cpuUsage();
    await import(process.argv[1]);
    const wallMs = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));`;
  const flags = sourceMaps ? ["--enable-source-maps"] : [];
  return JSON.parse(
    run(node, [...flags, "--input-type=module", "-e", probe, pathToFileURL(file).href]),
  ) as InitSample;
}

/**
 * Imports the bundle with every way out of the process (sockets, DNS, fetch) replaced by a recorder that
 * throws, waits for anything the import scheduled, and returns what tried to leave. The handler module
 * must build its object graph without calling AWS: secrets and the bot come on the first update. `env` adds
 * to the made-up intake settings (another function's own).
 */
export function networkAttemptsOnImport(
  file: string,
  options: { node?: string; env?: Readonly<Record<string, string>> } = {},
): string[] {
  const probe = `
    import net from "node:net";
    import dns from "node:dns";
    const attempts = [];
    const deny = (what) => function () { attempts.push(what); throw new Error("no network during init"); };
    net.Socket.prototype.connect = deny("socket connect");
    dns.lookup = deny("dns lookup");
    dns.promises.lookup = deny("dns lookup");
    globalThis.fetch = deny("fetch");
    await import(process.argv[1]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.stdout.write(JSON.stringify(attempts));`;
  const args = ["--input-type=module", "-e", probe, pathToFileURL(file).href];
  return JSON.parse(run(options.node ?? process.execPath, args, options.env)) as string[];
}
