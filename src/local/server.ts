import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@aws-lambda-powertools/logger";
import {
  lowerCaseHeaders,
  MAX_BODY_BYTES,
  type WebhookRequest,
  type WebhookResponse,
} from "../adapters/http/http-types.js";
import { safeError } from "../adapters/observability/safe-error.js";
import type { ReplayOptions, ReplayReport } from "../domain/operations/replay-dead-letters.js";
import * as z from "../zod.js";
import type { AdjustableClock } from "./adjustable-clock.js";

type Endpoint = (request: WebhookRequest) => Promise<WebhookResponse>;

export interface LocalServerDeps {
  logger: Logger;
  clock: AdjustableClock;
  telegramWebhook: Endpoint;
  zendeskWebhook: Endpoint;
  /** Runs the SLA scanner once, at the clock's current time. */
  runScanner?: () => Promise<unknown>;
  /** Publishes the bus's dead-lettered events again (`npm run dlq:replay -- --local`). */
  replayDeadLetters?: (options: ReplayOptions) => Promise<ReplayReport>;
  info: () => Record<string, unknown>;
}

const HOST = "127.0.0.1";
const advanceSchema = z.object({
  seconds: z.number().check(z.minimum(0), z.maximum(365 * 24 * 3600)),
});

const replaySchema = z.object({
  dryRun: z._default(z.boolean(), false),
  max: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 1000),
});

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const NOT_JSON = Symbol("not JSON");

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The local stack's HTTP face: the API Gateway routes plus local-only helpers under /local. Every failure
 * becomes a JSON error response; the process never dies of a request.
 */
export function createLocalServer(deps: LocalServerDeps): Server {
  const webhooks: Record<string, Endpoint> = {
    "/telegram/webhook": deps.telegramWebhook,
    "/zendesk/webhook": deps.zendeskWebhook,
  };
  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    const method = req.method ?? "GET";
    if (path === "/health") {
      if (method !== "GET") return send(res, 405, { error: "use GET" });
      return send(res, 200, { status: "ok", time: deps.clock.now().toISOString() });
    }
    if (path === "/local/info" && method === "GET") return send(res, 200, deps.info());
    const endpoint = webhooks[path];
    if (endpoint) {
      if (method !== "POST") return send(res, 405, { error: "use POST" });
      const rawBody = await readBody(req);
      const response = await endpoint({ headers: lowerCaseHeaders(req.headers), rawBody });
      return send(res, response.status, response.body, response.headers);
    }
    if (path === "/local/dead-letters/replay" && deps.replayDeadLetters) {
      if (method !== "POST") return send(res, 405, { error: "use POST" });
      const input = await readJson(req);
      if (input === NOT_JSON) return send(res, 400, { error: "body is not valid JSON" });
      const parsed = replaySchema.safeParse(input);
      if (!parsed.success)
        return send(res, 400, { error: 'expected {"dryRun"?: boolean, "max"?: integer 1..100000}' });
      return send(res, 200, await deps.replayDeadLetters(parsed.data));
    }
    if (path === "/local/clock/advance") {
      if (method !== "POST") return send(res, 405, { error: "use POST" });
      const input = await readJson(req);
      if (input === NOT_JSON) return send(res, 400, { error: "body is not valid JSON" });
      const parsed = advanceSchema.safeParse(input);
      if (!parsed.success)
        return send(res, 400, { error: 'expected {"seconds": N} with 0 <= N <= 31536000' });
      const now = deps.clock.advance(parsed.data.seconds);
      // The clock has moved whatever the scan does: a 5xx would invite a retry that moves it twice.
      const failed = await deps.runScanner?.().then(
        () => undefined,
        (error: unknown) => error ?? "failed",
      );
      if (failed === undefined) return send(res, 200, { now: now.toISOString() });
      deps.logger.warn("SLA scan failed; what it owes is tried again at the next scan", {
        error: safeError(failed),
      });
      return send(res, 200, {
        now: now.toISOString(),
        scanError: "the SLA scan failed (see the log); what it owes is tried again at the next advance",
      });
    }
    return send(res, 404, { error: `no route for ${method} ${path}` });
  };

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        send(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
        req.destroy();
        return;
      }
      deps.logger.error("request failed", { path: req.url, error: safeError(error) });
      if (!res.headersSent) send(res, 500, { error: "internal error; the sender may retry" });
    });
  });
}

export async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${HOST}:${address.port}`;
}
