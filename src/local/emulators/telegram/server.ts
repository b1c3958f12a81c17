/**
 * The HTTP front: `/bot<token>/<method>` (also `/bot<token>/test/<method>`, grammY's test environment),
 * `/file/bot<token>/<file_path>` downloads, and the `/_emulator/` control API. Anything else is 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { MethodRunner } from "./bot-api-methods.js";
import { type ControlDeps, handleControl } from "./control-routes.js";
import { BotApiError, notFound, unauthorized } from "./errors.js";
import { readParams } from "./http-body.js";
import type { EmulatorState } from "./state.js";

export interface ServerDeps {
  token: string;
  state: EmulatorState;
  runner: MethodRunner;
  control: ControlDeps;
}

const API_PATH = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function sendError(req: IncomingMessage, res: ServerResponse, error: BotApiError): void {
  req.resume();
  sendJson(res, error.errorCode, error.toJSON());
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ServerDeps,
  match: string[],
) {
  const [, token = "", method = ""] = match;
  if (decodeURIComponent(token) !== deps.token) return sendError(req, res, unauthorized());
  let params: Awaited<ReturnType<typeof readParams>>;
  try {
    params = await readParams(req, url);
  } catch (error) {
    if (error instanceof BotApiError) return sendError(req, res, error);
    throw error;
  }
  const { status, body } = await deps.runner.run(method, params);
  sendJson(res, status, body);
}

function handleDownload(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, match: string[]) {
  const [, token = "", filePath = ""] = match;
  if (decodeURIComponent(token) !== deps.token) return sendError(req, res, unauthorized());
  const file = deps.state.filesByPath.get(decodeURIComponent(filePath));
  if (!file?.bytes) return sendError(req, res, notFound());
  req.resume();
  res
    .writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(file.bytes.length),
    })
    .end(file.bytes);
}

export function createEmulatorServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const api = API_PATH.exec(url.pathname);
    const download = FILE_PATH.exec(url.pathname);
    const handling = url.pathname.startsWith("/_emulator/")
      ? handleControl(req, res, url, deps.control)
      : api
        ? handleApi(req, res, url, deps, api)
        : download && req.method === "GET"
          ? Promise.resolve(handleDownload(req, res, deps, download))
          : Promise.resolve(sendError(req, res, notFound()));
    handling.catch((error: unknown) => {
      console.error("[telegram-emulator] request failed", error);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error_code: 500, description: "Internal Server Error" });
    });
  });
}
