import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { api, client, startTestEmulator } from "./test-support.js";

describe("Zendesk emulator: API tokens", () => {
  let emulator: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  it("authenticates with a new token and rejects it right after it is deleted", async () => {
    const created = await api(emulator, "POST", "/api_tokens.json", { token: { description: "rotation" } });
    expect(created.status).toBe(201);
    const { id, token, full_token, active } = created.json.api_token;
    expect(full_token).toBe(token);
    expect(active).toBe(true);
    expect(emulator.apiTokens().map((t) => t.token)).toContain(token);

    const fresh = client(emulator, token);
    await expect(fresh.users.auth()).resolves.toMatchObject({ result: { email: emulator.email } });

    expect((await api(emulator, "DELETE", `/api_tokens/${id}.json`)).status).toBe(204);
    await expect(fresh.users.auth()).rejects.toMatchObject({ statusCode: 401 });
    await expect(client(emulator).users.auth()).resolves.toBeDefined();
  });

  it("shows only a shortened token when listing", async () => {
    const listed = await api(emulator, "GET", "/api_tokens.json");
    expect(listed.json.api_tokens[0].token).toBe(`${emulator.apiToken.slice(0, 6)}...`);
  });
});
