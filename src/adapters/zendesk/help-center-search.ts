import type { Locale, SuggestedArticle } from "../../domain/events.js";
import { suggestedArticleSchema } from "../../domain/suggested-article.js";
import { HelpDeskUnavailable } from "../../ports/help-desk.js";
import type { KnowledgeBase } from "../../ports/knowledge-base.js";
import * as z from "../../zod.js";
import { defaultTransportSettings, zendeskTransport } from "./zendesk-transport.js";

export interface HelpCenterSearchSettings {
  /** The account's URL, e.g. https://acme.zendesk.com. */
  readonly url: string;
  /** The Help Center locale searched for each bot language, e.g. `en` → `en-us`. */
  readonly locales: Readonly<Record<Locale, string>>;
  /** Gives up on Zendesk after this long: the customer is waiting on the Done button. */
  readonly timeoutMs: number;
}

/** Only what we use of an article search result; other fields and malformed results are ignored. */
const searchResponseSchema = z.object({
  results: z.array(z.object({ title: z.unknown(), html_url: z.unknown() })),
});

/**
 * The knowledge base on Zendesk's Help Center Search Articles API, called **anonymously**: the endpoint
 * allows it, and it then returns exactly the articles any customer can open, never ones restricted to
 * agents or signed-in users. The intake function therefore holds no Zendesk credential
 * (docs/decisions.md). A plain fetch through our transport keeps node-zendesk out of the intake bundle.
 */
export class ZendeskHelpCenterSearch implements KnowledgeBase {
  private readonly send: ReturnType<typeof zendeskTransport>;

  constructor(private readonly settings: HelpCenterSearchSettings) {
    // No waiting out a 429 in place: the customer is waiting, and the summary works without articles.
    this.send = zendeskTransport({
      ...defaultTransportSettings,
      timeoutMs: settings.timeoutMs,
      maxInlineRetryAfterSeconds: -1,
    });
  }

  async search(text: string, locale: Locale, limit: number): Promise<readonly SuggestedArticle[]> {
    const query = new URLSearchParams({
      query: text,
      locale: this.settings.locales[locale],
      per_page: String(limit),
    });
    const response = await this.send(
      `${this.settings.url}/api/v2/help_center/articles/search.json?${query}`,
      {
        method: "GET",
        headers: { accept: "application/json" },
      },
    );
    let body: z.infer<typeof searchResponseSchema>;
    try {
      body = searchResponseSchema.parse(await response.json());
    } catch (error) {
      throw new HelpDeskUnavailable("Help Center search answered an unexpected body", { cause: error });
    }
    return (
      body.results
        .map((result) => suggestedArticleSchema.safeParse({ title: result.title, url: result.html_url }))
        // Normalised, so a link is safe to put in an HTML attribute (quotes come out percent-encoded).
        .flatMap((parsed) =>
          parsed.success ? [{ title: parsed.data.title.trim(), url: new URL(parsed.data.url).href }] : [],
        )
        .slice(0, limit)
    );
  }
}
