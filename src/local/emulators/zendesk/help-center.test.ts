import zendesk from "node-zendesk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { basicAuth, startTestEmulator } from "./test-support.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type AnyJson = any;

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

describe("Zendesk emulator: Help Center search as documented", () => {
  let emulator: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  const search = async (params: Record<string, string>, auth?: string) => {
    const response = await fetch(
      `${emulator.url}/api/v2/help_center/articles/search.json?${new URLSearchParams(params)}`,
      auth ? { headers: { Authorization: auth } } : {},
    );
    return { status: response.status, body: (await response.json()) as AnyJson };
  };

  it("hides restricted articles from anonymous callers and shows them to the agent", async () => {
    const anonymous = await search({ query: "refund return", locale: "en-us" });
    const agent = await search({ query: "refund return", locale: "en-us" }, basicAuth(emulator));
    const titles = (body: AnyJson) => body.results.map((r: { title: string }) => r.title);
    expect(titles(anonymous.body)).not.toContain("Agents only: issuing a refund before the return arrives");
    expect(titles(agent.body)).toContain("Agents only: issuing a refund before the return arrives");
  });

  it("pages with per_page and page, linking the next page", async () => {
    const first = await search({ query: "order delivery payment account", per_page: "2" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, per_page: 2, previous_page: null });
    expect(first.body.results).toHaveLength(2);
    expect(first.body.count).toBeGreaterThan(2);
    const next = await fetch(first.body.next_page);
    const second = (await next.json()) as AnyJson;
    expect(second.page).toBe(2);
    expect(second.results[0].id).not.toBe(first.body.results[1].id);
  });

  it("refuses per_page outside 1-100 and a page below 1", async () => {
    const invalid: Record<string, string>[] = [{ per_page: "0" }, { per_page: "101" }, { page: "0" }];
    for (const params of invalid) {
      expect((await search({ query: "refund", ...params })).status).toBe(400);
    }
  });

  it("searches the default locale for a locale the Help Center does not have", async () => {
    const { body } = await search({ query: "refund", locale: "de" });
    expect(body.results[0]).toMatchObject({
      locale: "en-us",
      title: "How to return an item and get a refund",
    });
  });
});
