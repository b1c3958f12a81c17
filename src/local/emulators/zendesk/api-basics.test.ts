import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { api, client, type FakeClock, startTestEmulator } from "./test-support.js";

describe("Zendesk emulator: auth, errors, limits, faults", () => {
  let emulator: ZendeskEmulator;
  let clock: FakeClock;

  beforeEach(async () => {
    ({ emulator, clock } = await startTestEmulator({ rateLimitPerMinute: 5 }));
  });
  afterEach(() => emulator.close());

  it("rejects a wrong API token with 401 Couldn't authenticate you", async () => {
    const response = await fetch(`${emulator.url}/api/v2/tickets.json`, {
      headers: { Authorization: `Basic ${Buffer.from(`${emulator.email}/token:wrong`).toString("base64")}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Couldn't authenticate you" });
    await expect(client(emulator, "wrong").tickets.list()).rejects.toMatchObject({ statusCode: 401 });
  });

  it("rejects a request without credentials", async () => {
    const response = await fetch(`${emulator.url}/api/v2/users/me.json`);
    expect(response.status).toBe(401);
  });

  it("answers an unknown record with RecordNotFound and an unknown route with InvalidEndpoint", async () => {
    expect(await api(emulator, "GET", "/tickets/999.json")).toMatchObject({
      status: 404,
      json: { error: "RecordNotFound", description: "Not found" },
    });
    expect(await api(emulator, "GET", "/no_such_thing.json")).toMatchObject({
      status: 404,
      json: { error: "InvalidEndpoint", description: "Not found" },
    });
  });

  it("answers malformed JSON with 400", async () => {
    const response = await fetch(`${emulator.url}/api/v2/tickets.json`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${emulator.email}/token:${emulator.apiToken}`).toString("base64")}`,
      },
      body: "{not json",
    });
    expect(response.status).toBe(400);
  });

  it("returns 429 with Retry-After until the clock minute ends", async () => {
    clock.advance(15_000); // 12:00:15
    for (let i = 0; i < 5; i++) {
      const ok = await api(emulator, "GET", "/groups.json");
      expect(ok.headers.get("x-rate-limit")).toBe("5");
      expect(ok.headers.get("x-rate-limit-remaining")).toBe(String(4 - i));
    }
    const limited = await api(emulator, "GET", "/groups.json");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("45");
    expect(limited.json).toEqual({
      error: "APIRateLimitExceeded",
      description: "Number of allowed API requests per minute exceeded",
    });
    clock.advance(45_000);
    expect((await api(emulator, "GET", "/groups.json")).status).toBe(200);
  });

  it("serves an injected 503 once, then answers normally", async () => {
    emulator.failNext({ method: "GET", path: /\/groups/ }, { status: 503, body: { error: "Unavailable" } });
    expect((await api(emulator, "GET", "/groups.json")).status).toBe(503);
    expect((await api(emulator, "GET", "/groups.json")).status).toBe(200);
    expect(emulator.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it("can leave a request unanswered until the client gives up", async () => {
    emulator.failNext({ path: /\/groups/ }, "timeout");
    const pending = fetch(`${emulator.url}/api/v2/groups.json`, { signal: AbortSignal.timeout(100) });
    await expect(pending).rejects.toThrow();
  });

  it("can drop the connection instead of answering", async () => {
    emulator.failNext({ path: /\/groups/ }, "reset");
    await expect(api(emulator, "GET", "/groups.json")).rejects.toThrow();
  });
});
