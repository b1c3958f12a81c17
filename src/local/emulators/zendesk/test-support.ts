import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import zendesk, { type ZendeskClient } from "node-zendesk";
import { startZendeskEmulator, type ZendeskEmulator, type ZendeskEmulatorOptions } from "./index.js";

/** A clock tests move by hand, so rate limits and key lifetimes never need real sleeps. */
export class FakeClock {
  private ms: number;
  constructor(start = "2026-11-25T12:00:00Z") {
    this.ms = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export async function startTestEmulator(
  options: ZendeskEmulatorOptions = {},
): Promise<{ emulator: ZendeskEmulator; clock: FakeClock }> {
  const clock = new FakeClock();
  const emulator = await startZendeskEmulator({
    now: clock.now,
    webhookRetry: { attempts: 3, delayMs: 5, timeoutMs: 500 },
    ...options,
  });
  return { emulator, clock };
}

export function client(emulator: ZendeskEmulator, token = emulator.apiToken): ZendeskClient {
  return zendesk.createClient({
    username: emulator.email,
    token,
    endpointUri: `${emulator.url}/api/v2`,
    throwOriginalException: true,
  });
}

export const basicAuth = (emulator: ZendeskEmulator, token = emulator.apiToken): string =>
  `Basic ${Buffer.from(`${emulator.email}/token:${token}`).toString("base64")}`;

/** `fetch` against `/api/v2` with the emulator's credentials and a JSON body. */
/** Tests read many response shapes; `any` keeps those assertions short. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in the tests
type AnyJson = any;

export async function api(
  emulator: ZendeskEmulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: AnyJson }> {
  const response = await fetch(`${emulator.url}/api/v2${path}`, {
    method,
    headers: {
      Authorization: basicAuth(emulator),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: AnyJson;
}

/** A local webhook endpoint that records deliveries and answers with scripted statuses (then 200). */
export async function startReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  respondWith(...statuses: Array<number | { status: number; headers: Record<string, string> }>): void;
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const script: Array<number | { status: number; headers: Record<string, string> }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, rawBody, json: JSON.parse(rawBody) });
      const next = script.shift() ?? 200;
      if (typeof next === "number") res.writeHead(next).end();
      else res.writeHead(next.status, next.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/zendesk/webhook`,
    received,
    respondWith: (...statuses) => script.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Creates a ticket for a Telegram-like requester and returns its id. */
export async function createTicket(
  emulator: ZendeskEmulator,
  extra: Record<string, unknown> = {},
): Promise<number> {
  const { status, json } = await api(emulator, "POST", "/tickets.json", {
    ticket: {
      subject: "Parcel is late",
      comment: { body: "Where is my parcel?", public: true },
      requester: { name: "Ivan Telegram", email: "ivan@example.org" },
      ...extra,
    },
  });
  if (status !== 201) throw new Error(`ticket create failed: ${status} ${JSON.stringify(json)}`);
  return json.ticket.id as number;
}
