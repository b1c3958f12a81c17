import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { HelpDeskRateLimited, HelpDeskRejected, HelpDeskUnavailable } from "../../ports/help-desk.js";
import { nodeFetchClient } from "../http/node-fetch-client.js";

interface TransportOptions {
  method: string;
  headers: Record<string, string>;
  body?: string | Readable;
}

export interface TransportSettings {
  /** Waits this long for Zendesk before giving up on a call. */
  timeoutMs: number;
  /** A 429 asking for at most this many seconds is waited out in place; longer ones go back to the caller. */
  maxInlineRetryAfterSeconds: number;
  sleep: (ms: number) => Promise<void>;
}

/** Credentials set on each call; `refreshedHeader` is asked once after a 401, in case the token was rotated. */
export interface TransportCredentials {
  header(): Promise<string>;
  refreshedHeader(): Promise<string>;
}

export const defaultTransportSettings: TransportSettings = {
  timeoutMs: 10_000,
  maxInlineRetryAfterSeconds: 5,
  sleep: async (ms) => {
    await sleep(ms);
  },
};

async function bodyOf(body: TransportOptions["body"]): Promise<string | Buffer | undefined> {
  if (!(body instanceof Readable)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function retryAfterSeconds(response: Response): number {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value >= 0 ? value : 60;
}

/**
 * node-zendesk's transport hook, replacing its error handling: node-zendesk drops the Retry-After value and
 * treats unknown 5xx as success. Here every non-2xx becomes one of the help desk port's errors, and a short
 * 429 is waited out in place. With `credentials`, Authorization comes from them on every call, and a 401 is
 * retried once with a freshly read token: after a rotation's finishSecret deleted the old token, a container
 * still holding it recovers on the spot instead of failing until its cache expires.
 */
export function zendeskTransport(
  settings: TransportSettings = defaultTransportSettings,
  credentials?: TransportCredentials,
) {
  return async (uri: string, options: TransportOptions): Promise<Response> => {
    const body = await bodyOf(options.body);
    const { Authorization: fromClient, ...headers } = options.headers;
    let authorization = credentials ? await credentials.header() : fromClient;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await nodeFetchClient(uri, {
          method: options.method,
          headers: { ...headers, ...(authorization === undefined ? {} : { Authorization: authorization }) },
          body,
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
      } catch (error) {
        throw new HelpDeskUnavailable(`Zendesk unreachable: ${(error as Error).message}`, { cause: error });
      }
      if (response.ok) return response;
      const path = new URL(uri).pathname;
      if (response.status === 429) {
        const wait = retryAfterSeconds(response);
        if (wait <= settings.maxInlineRetryAfterSeconds && attempt <= 2) {
          await settings.sleep(wait * 1000);
          continue;
        }
        throw new HelpDeskRateLimited(wait);
      }
      if (response.status === 401 && credentials && !refreshed) {
        refreshed = true;
        const fresh = await credentials.refreshedHeader();
        if (fresh !== authorization) {
          authorization = fresh;
          continue;
        }
      }
      const text = await response.text();
      if (response.status >= 500) {
        throw new HelpDeskUnavailable(`Zendesk ${options.method} ${path} answered ${response.status}`);
      }
      throw new HelpDeskRejected(response.status, `${options.method} ${path}: ${text.slice(0, 500)}`);
    }
  };
}
