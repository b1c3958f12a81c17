import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "../../local/emulators/zendesk/index.js";
import { startTestEmulator } from "../../local/emulators/zendesk/test-support.js";
import { HelpDeskRateLimited, HelpDeskUnavailable } from "../../ports/help-desk.js";
import { ZendeskHelpCenterSearch } from "./help-center-search.js";

describe("ZendeskHelpCenterSearch against the emulator", () => {
  let emulator: ZendeskEmulator;
  let search: ZendeskHelpCenterSearch;
  /** A hanging Zendesk is given up on after `timeoutMs`, however long that is; only then is it short. */
  const searchGivingUpAfter = (timeoutMs: number) =>
    new ZendeskHelpCenterSearch({ url: emulator.url, locales: { en: "en-us", ru: "ru" }, timeoutMs });

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
    search = searchGivingUpAfter(10_000);
  });
  afterEach(() => emulator.close());

  it("finds articles in the customer's Help Center locale, with their titles and links", async () => {
    const en = await search.search("my parcel tracking says delivered", "en", 3);
    const ru = await search.search("где мой заказ, трек-номер не меняется", "ru", 3);
    expect(en[0]).toEqual({
      title: "Where is my order? Tracking your delivery",
      url: expect.stringMatching(/\/hc\/en-us\/articles\/\d+-where-is-my-order/),
    });
    expect(ru[0]?.title).toBe("Где мой заказ? Отслеживание доставки");
    expect(ru.every((a) => a.url.includes("/hc/ru/"))).toBe(true);
  });

  it("asks for no more than the limit, anonymously, so restricted articles never come back", async () => {
    const found = await search.search("refund return parcel arrives", "en", 1);
    expect(found).toHaveLength(1);
    const request = emulator.requests.at(-1);
    expect(request?.path).toMatch(/[?&]per_page=1(&|$)/);
    expect(request?.headers.authorization).toBeUndefined();
    const all = await search.search("refund return parcel arrives", "en", 3);
    expect(all.map((a) => a.title)).not.toContain("Agents only: issuing a refund before the return arrives");
  });

  it("reports a 5xx, a timeout and a 429 as the help desk port's errors, without waiting", async () => {
    emulator.failNext({ path: /help_center/ }, { status: 503 });
    await expect(search.search("refund", "en", 3)).rejects.toBeInstanceOf(HelpDeskUnavailable);
    emulator.failNext({ path: /help_center/ }, "timeout");
    await expect(searchGivingUpAfter(50).search("refund", "en", 3)).rejects.toBeInstanceOf(
      HelpDeskUnavailable,
    );
    emulator.failNext({ path: /help_center/ }, { status: 429, headers: { "Retry-After": "1" } });
    await expect(search.search("refund", "en", 3)).rejects.toBeInstanceOf(HelpDeskRateLimited);
  });

  it("skips results without a usable link", async () => {
    emulator.failNext(
      { path: /help_center/ },
      {
        status: 200,
        body: {
          results: [
            { title: "No link", html_url: null },
            { title: "Script", html_url: "javascript:alert(1)" },
            { title: " Good ", html_url: "https://help.example.com/hc/en-us/articles/1-good" },
          ],
        },
      },
    );
    expect(await search.search("refund", "en", 3)).toEqual([
      { title: "Good", url: "https://help.example.com/hc/en-us/articles/1-good" },
    ]);
  });
});
