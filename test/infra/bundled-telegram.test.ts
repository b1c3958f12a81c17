import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../lib/constructs/bridge-function.js";
import { esbuildEquivalent } from "../../lib/constructs/bundling-equivalent.js";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/local/emulators/telegram/index.js";

const run = promisify(execFile);
let emulator: TelegramEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startTelegramEmulator();
  dir = await mkdtemp(join(tmpdir(), "bundle-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe("grammY bundled with the deployed options", () => {
  // Minifying once renamed AbortSignal, and node-fetch then refused every Bot API call of a bundle.
  it("still reaches the Bot API", async () => {
    const outfile = join(dir, "index.mjs");
    await build({
      ...esbuildEquivalent(),
      stdin: {
        contents: `import { Api } from "grammy";
          const api = new Api(process.env.TOKEN, { apiRoot: process.env.API_ROOT });
          console.log(JSON.stringify(await api.getMe()));`,
        resolveDir: PROJECT_ROOT,
        loader: "ts",
      },
      outfile,
    });
    const { stdout } = await run(process.execPath, [outfile], {
      env: { PATH: process.env.PATH ?? "", TOKEN: emulator.token, API_ROOT: emulator.apiRoot },
    });
    expect(JSON.parse(stdout)).toMatchObject({ is_bot: true, username: "support_bridge_bot" });
  });
});
