import { execFile } from "node:child_process";
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegramEmulator, type TelegramEmulator } from "../../src/local/emulators/telegram/index.js";
import { bundleScript } from "../support/bundle-script.js";
import { temporaryDirectory } from "../support/temp-dir.js";

const run = promisify(execFile);
let emulator: TelegramEmulator;
const dir = temporaryDirectory("bundle-telegram");
/** Accepts connections and never answers, like a Bot API that hangs. */
let silent: Server;
const held: Socket[] = [];
/** Answers getMe gzip-compressed when asked to, as api.telegram.org does; keeps the request headers. */
let compressing: Server;
let compressingRoot: string;
const compressingSaw: IncomingHttpHeaders[] = [];
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { address, port } = server.address() as { address: string; port: number };
  return `http://${address}:${port}`;
};
beforeAll(async () => {
  emulator = await startTelegramEmulator();
  silent = createServer((socket) => held.push(socket));
  await listen(silent);
  compressing = createHttpServer((request, response) => {
    compressingSaw.push(request.headers);
    const body = JSON.stringify({ ok: true, result: { id: 1, is_bot: true, first_name: "Zipped" } });
    const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
    response.writeHead(200, {
      "content-type": "application/json",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    response.end(gzip ? gzipSync(body) : body);
  });
  compressingRoot = await listen(compressing);
});
afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  await new Promise((resolve) => compressing.close(resolve));
  await emulator.close();
});

/** Prints the call's answer and whether Node's zlib got loaded, as one JSON line. */
const reportZlib = `console.log(JSON.stringify({ me, zlib: process.moduleLoadList.includes("NativeModule zlib") }));`;

const bundle = (name: string, contents: string) => bundleScript(dir(), name, contents);

describe("grammY bundled with the deployed options", () => {
  // Minifying once renamed AbortSignal, and node-fetch then refused every Bot API call of a bundle.
  it("still reaches the Bot API, with grammY's debug logging asked for and silent", async () => {
    const outfile = await bundle(
      "get-me",
      `import { Api } from "grammy";
        const api = new Api(process.env.TOKEN, { apiRoot: process.env.API_ROOT });
        console.log(JSON.stringify(await api.getMe()));`,
    );
    const { stdout, stderr } = await run(process.execPath, [outfile], {
      env: {
        PATH: process.env.PATH ?? "",
        TOKEN: emulator.token,
        API_ROOT: emulator.apiRoot,
        DEBUG: "grammy*",
      },
    });
    expect(JSON.parse(stdout)).toMatchObject({ is_bot: true, username: "support_bridge_bot" });
    expect(stderr).toBe("");
  });

  // The bundle gives grammY Node's own AbortController: its timeout must still abort node-fetch's request.
  it("gives up on a Bot API call that never answers when its timeout runs out", async () => {
    const outfile = await bundle(
      "timeout",
      `import { Api } from "grammy";
        const api = new Api("123:abc", { apiRoot: process.env.API_ROOT, timeoutSeconds: 0.2 });
        try { await api.getMe(); console.log("answered"); } catch (error) { console.log(error.error?.message); }`,
    );
    const { address, port } = silent.address() as { address: string; port: number };
    // An abort that did not reach node-fetch would leave the socket open and the process running.
    const { stdout } = await run(process.execPath, [outfile], {
      env: { PATH: process.env.PATH ?? "", API_ROOT: `http://${address}:${port}` },
      timeout: 10_000,
    });
    expect(stdout).toContain("Request to 'getMe' timed out after 0.2 seconds");
  });

  // zlib reaches the bundles through a stand-in that loads it on first use (lib/bundling/lazy-zlib.cjs).
  it("never loads zlib for our Bot API clients, which ask for uncompressed answers", async () => {
    const outfile = await bundle(
      "uncompressed",
      `import { createTelegramApi } from "./src/adapters/telegram/create-bot.ts";
        const me = await createTelegramApi({ token: "123:abc", apiRoot: process.env.API_ROOT }).getMe();
        ${reportZlib}`,
    );
    const { stdout } = await run(process.execPath, [outfile], {
      env: { PATH: process.env.PATH ?? "", API_ROOT: compressingRoot },
    });
    expect(JSON.parse(stdout)).toEqual({
      me: expect.objectContaining({ first_name: "Zipped" }),
      zlib: false,
    });
    expect(compressingSaw.at(-1)?.["accept-encoding"]).toBeUndefined();
  });

  it("still inflates a compressed answer, loading zlib only then", async () => {
    const outfile = await bundle(
      "compressed",
      `import { Api } from "grammy";
        const api = new Api("123:abc", { apiRoot: process.env.API_ROOT });
        if (process.moduleLoadList.includes("NativeModule zlib")) throw new Error("zlib loaded at import");
        const me = await api.getMe();
        ${reportZlib}`,
    );
    const { stdout } = await run(process.execPath, [outfile], {
      env: { PATH: process.env.PATH ?? "", API_ROOT: compressingRoot },
    });
    expect(compressingSaw.at(-1)?.["accept-encoding"]).toContain("gzip");
    expect(JSON.parse(stdout)).toEqual({ me: expect.objectContaining({ first_name: "Zipped" }), zlib: true });
  });
});
