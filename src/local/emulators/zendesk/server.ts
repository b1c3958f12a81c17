import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./auth.js";
import { ApiError, badRequest, invalidEndpoint, unauthorized } from "./errors.js";
import type { FaultInjector } from "./fault-injection.js";
import { serveArticlePage } from "./help-center.js";
import type { AccountRateLimiter } from "./rate-limit.js";
import { type ApiResponse, normalizeApiPath, type Router } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { RecordedRequest } from "./types.js";
import { serveAttachment } from "./uploads.js";

const MAX_BODY_BYTES = 60 * 1024 * 1024;

export interface ServerParts {
  state: EmulatorState;
  api: Router;
  control: Router;
  rateLimiter: AccountRateLimiter;
  faults: FaultInjector;
  recorded: RecordedRequest[];
  /** Responses held open by an injected `timeout`, ended on close. */
  hanging: Set<ServerResponse>;
  /** Told after a request that may have changed the account (any method but GET and HEAD). */
  onChange?: () => void;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: ApiResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (typeof response.body === "string") {
    headers["Content-Type"] ??= "text/plain; charset=utf-8";
    res.writeHead(response.status, headers).end(response.body);
    return;
  }
  headers["Content-Type"] = "application/json; charset=utf-8";
  res.writeHead(response.status, headers).end(JSON.stringify(response.body));
}

function errorResponse(error: unknown, headers: Record<string, string>): ApiResponse {
  if (error instanceof ApiError)
    return { status: error.status, body: error.body, headers: { ...headers, ...error.headers } };
  const description = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: "InternalServerError", description }, headers };
}

function describeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.includes("json")) {
    try {
      return JSON.parse(raw.toString("utf8"));
    } catch {
      return raw.toString("utf8");
    }
  }
  if (contentType?.startsWith("text/") || contentType?.includes("form-urlencoded"))
    return raw.toString("utf8");
  return `<${raw.length} bytes>`;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw badRequest("InvalidJSON", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The `/api/v2` pipeline: the account rate limit counts every request (its headers go on every answer),
 * then credentials, then routing, JSON parsing and the handler.
 */
async function handleApi(
  parts: ServerParts,
  req: IncomingMessage,
  url: URL,
  raw: Buffer,
): Promise<ApiResponse> {
  let limitHeaders: Record<string, string> = {};
  try {
    limitHeaders = parts.rateLimiter.consume();
    const method = req.method ?? "GET";
    const path = normalizeApiPath(url.pathname);
    const match = parts.api.match(method, path);
    const userId = authenticate(parts.state, req.headers);
    if (!match) throw userId === null ? unauthorized() : invalidEndpoint();
    if (userId === null && !match.route.public) throw unauthorized();
    const response = await match.route.handler({
      method,
      path,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      raw,
      json: match.route.rawBody ? undefined : parseJson(raw),
      userId,
    });
    return { ...response, headers: { ...limitHeaders, ...response.headers } };
  } catch (error) {
    return errorResponse(error, limitHeaders);
  }
}

async function handleControl(
  parts: ServerParts,
  req: IncomingMessage,
  url: URL,
  raw: Buffer,
): Promise<ApiResponse> {
  try {
    const method = req.method ?? "GET";
    const match = parts.control.match(method, url.pathname.replace(/(.)\/$/, "$1"));
    if (!match) throw invalidEndpoint();
    const isJson = (req.headers["content-type"] ?? "").includes("json");
    return await match.route.handler({
      method,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      raw,
      json: isJson ? parseJson(raw) : undefined,
      userId: null,
    });
  } catch (error) {
    return errorResponse(error, {});
  }
}

export function createRequestHandler(
  parts: ServerParts,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const raw = await readBody(req);
    const method = req.method ?? "GET";
    const entry: RecordedRequest = {
      method,
      path: url.pathname + url.search,
      headers: flatHeaders(req),
      body: describeBody(raw, req.headers["content-type"]),
      status: 0,
      at: parts.state.now(),
    };
    parts.recorded.push(entry);
    res.on("finish", () => {
      entry.status = res.statusCode;
    });

    const fault = parts.faults.take(method, url.pathname + url.search);
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault === "timeout") {
      parts.hanging.add(res);
      return;
    }
    if (fault) {
      send(res, { status: fault.status, body: fault.body, headers: fault.headers ?? {} });
      return;
    }
    const changing = method !== "GET" && method !== "HEAD";
    if (url.pathname === "/api/v2" || url.pathname.startsWith("/api/v2/")) {
      const response = await handleApi(parts, req, url, raw);
      if (changing) parts.onChange?.();
      send(res, response);
      return;
    }
    if (method === "GET" && serveAttachment(parts.state, url.pathname, res)) return;
    if (method === "GET" && serveArticlePage(parts.state, url.pathname, res)) return;
    const response = await handleControl(parts, req, url, raw);
    if (changing) parts.onChange?.();
    send(res, response);
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, errorResponse(error, {}));
      else res.destroy();
    });
  };
}
