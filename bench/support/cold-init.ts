import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MADE_UP_FUNCTION_ENV } from "../../scripts/support/made-up-function-env.js";

/** The intake function's environment as on Lambda, with made-up values, and its service name. */
export const DUMMY_INTAKE_ENV: Readonly<Record<string, string>> = {
  ...MADE_UP_FUNCTION_ENV,
  POWERTOOLS_SERVICE_NAME: "intake",
};

/**
 * The built-in modules Lambda's Node.js runtime interface client has loaded before it imports a handler:
 * `http` for its Runtime API client, `net` for response streaming, `util`, `fs`, `path`, `assert` and
 * `module` (aws/aws-lambda-nodejs-runtime-interface-client at da5777a: src/index.mjs, which constructs
 * the RAPIDClient before UserFunction.load, and the modules they require).
 */
export const RUNTIME_CLIENT_MODULES = ["http", "net", "util", "fs", "path", "assert", "module"] as const;

let scratch: string | undefined;
/** A folder for the probes' HOME and files, removed when the bench exits. */
const scratchDir = (): string => {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "bench-cold-init-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return scratch;
};
const probeEnv = (extra: Readonly<Record<string, string>>) => ({
  PATH: process.env.PATH ?? "",
  HOME: scratchDir(),
  ...DUMMY_INTAKE_ENV,
  ...extra,
});

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

export interface ImportOptions {
  /** Adds `--enable-source-maps`, as the functions' NODE_OPTIONS do. */
  readonly sourceMaps: boolean;
  /** The binary that imports the bundle; this Node by default. */
  readonly node?: string;
  /** Loads RUNTIME_CLIENT_MODULES before the clock starts, as on Lambda. */
  readonly afterRuntimeClient?: boolean;
}

/**
 * Times `import()` of the bundle in a fresh Node process: loading, compiling and running the module's top
 * level, which is what Lambda's Init phase does with a handler (runtime start-up aside).
 */
export function timeImport(file: string, options: ImportOptions): InitSample {
  const preload = options.afterRuntimeClient
    ? `for (const name of ${JSON.stringify(RUNTIME_CLIENT_MODULES)}) process.getBuiltinModule("node:" + name);`
    : "";
  const probe = `
    ${preload}
    const t = performance.now();
    const cpu = process.cpuUsage();
    await import(process.argv[1]);
    const wallMs = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    process.stdout.write(JSON.stringify({ wallMs, cpuMs: (user + system) / 1000 }));`;
  const flags = options.sourceMaps ? ["--enable-source-maps"] : [];
  return JSON.parse(
    run(options.node ?? process.execPath, [
      ...flags,
      "--input-type=module",
      "-e",
      probe,
      pathToFileURL(file).href,
    ]),
  ) as InitSample;
}

/** Instructions executed by an import, split by thread. */
export interface ImportInstructions {
  /** On the main thread, which the first update waits for: loading, compiling and running the module. */
  readonly mainThread: number;
  /** On Node's helper threads: the root certificates `tls` parses ahead of the first connection, GC helpers. */
  readonly helperThreads: number;
}

export const valgrindAvailable = (): boolean => spawnSync("valgrind", ["--version"]).status === 0;

/** Instructions per thread of a Node process that imports `file` (main thread first), counted by callgrind. */
function instructionsPerThread(file: string, node: string): number[] {
  const out = mkdtempSync(join(scratchDir(), "callgrind-"));
  try {
    execFileSync(
      "valgrind",
      [
        "--tool=callgrind",
        "--separate-threads=yes",
        // V8 writes the code it runs; callgrind must see it change.
        "--smc-check=all-non-file",
        `--callgrind-out-file=${join(out, "profile")}`,
        node,
        "--input-type=module",
        "-e",
        "await import(process.argv[1]);",
        pathToFileURL(file).href,
      ],
      { env: probeEnv({}), stdio: "ignore" },
    );
    // One file per thread, `profile-01` the main one (`profile` itself stays empty).
    return readdirSync(out)
      .filter((name) => /-\d+$/.test(name))
      .sort()
      .map((name) => Number(/^totals: (\d+)$/m.exec(readFileSync(join(out, name), "utf8"))?.[1] ?? 0));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Counts the instructions `import()` of the bundle executes, as the difference from a process importing an
 * empty module. Unlike time, the count moves little between runs (a few million instructions of a process,
 * about 2% of the intake's import, where its time moves by 20%), so it can compare two builds on a busy machine; it is not time: cache misses and helper threads running beside the
 * main one are not in it. Needs Valgrind (`apt-get install valgrind`); a run takes seconds.
 */
export function countImportInstructions(file: string, node = process.execPath): ImportInstructions {
  const [main = 0, ...helpers] = instructionsPerThread(file, node);
  const start = nodeStartInstructions(node);
  return { mainThread: main - start.mainThread, helperThreads: sum(helpers) - start.helperThreads };
}

const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
const startCounts = new Map<string, ImportInstructions>();
/** What a Node process importing an empty module executes, counted once per binary. */
function nodeStartInstructions(node: string): ImportInstructions {
  let counts = startCounts.get(node);
  if (counts === undefined) {
    const empty = join(scratchDir(), "empty.mjs");
    writeFileSync(empty, "export {};\n");
    const [main = 0, ...helpers] = instructionsPerThread(empty, node);
    counts = { mainThread: main, helperThreads: sum(helpers) };
    startCounts.set(node, counts);
  }
  return counts;
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
