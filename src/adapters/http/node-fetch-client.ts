import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import nodeFetch from "node-fetch";

/** What our HTTP callers pass: a method, plain headers, an optional body and a signal to give up by. */
interface HttpRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
  readonly signal?: AbortSignal;
}

type HttpFetch = (url: string, request: HttpRequest) => Promise<Response>;

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * fetch on node-fetch, the client grammY already brings, with connections kept alive between calls as
 * Node's fetch keeps them; the Zendesk transport sends every call through it. Node's global fetch loads
 * undici on its first call: about 55 ms of CPU on Node 24 that a customer would wait through on a new
 * intake container's first Help Center search (docs/performance.md). node-zendesk, in routing and the SLA
 * scanner, reads the global `FormData` as it prepares a request, which loads undici all the same there.
 * node-fetch's Response has everything our callers read (status, headers, text, json), though not every
 * member of the web type.
 */
export const nodeFetchClient: HttpFetch = async (url, request) =>
  (await nodeFetch(url, {
    ...request,
    agent: (target) => (target.protocol === "http:" ? agents.http : agents.https),
  })) as unknown as Response;
