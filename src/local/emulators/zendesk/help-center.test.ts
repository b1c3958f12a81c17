import zendesk from "node-zendesk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { startTestEmulator } from "./test-support.js";

describe("Zendesk emulator: Help Center search", () => {
  let emulator: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  it("finds articles in the requested locale without credentials", async () => {
    const response = await fetch(
      `${emulator.url}/api/v2/help_center/articles/search.json?query=${encodeURIComponent("где мой заказ")}&locale=ru`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: Array<{ title: string; locale: string; snippet: string }>;
    };
    expect(body.results[0]).toMatchObject({ title: "Где мой заказ? Отслеживание доставки", locale: "ru" });
    expect(body.results.every((r) => r.locale === "ru")).toBe(true);
    expect(body.results[0]?.snippet).toContain("<em>");
  });

  it("serves the locale-prefixed route and node-zendesk's helpcenter client", async () => {
    const prefixed = await fetch(
      `${emulator.url}/api/v2/help_center/en-us/articles/search.json?query=refund`,
    );
    const body = (await prefixed.json()) as { results: Array<{ title: string; html_url: string }> };
    expect(body.results[0]?.title).toBe("How to return an item and get a refund");
    expect((await fetch(body.results[0]?.html_url ?? "")).status).toBe(200);

    // node-zendesk's helpcenter client appends its paths to endpointUri, so it needs the help_center prefix.
    const hc = zendesk.createClient({
      username: emulator.email,
      token: emulator.apiToken,
      endpointUri: `${emulator.url}/api/v2/help_center`,
    });
    const { result } = (await hc.helpcenter.search.searchArticlesInLocale(
      "tracking number",
      "en-us",
    )) as unknown as {
      result: { results: Array<{ title: string }> };
    };
    expect(result.results[0]?.title).toBe("Where is my order? Tracking your delivery");
  });
});
