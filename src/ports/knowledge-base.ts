import type { Locale, SuggestedArticle } from "../domain/events.js";

/** The help centre's articles, searched with the customer's own words before a ticket is opened. */
export interface KnowledgeBase {
  /**
   * Up to `limit` articles any customer may open, in the customer's language, best match first. Throws the
   * help desk port's errors (`HelpDeskUnavailable` for a timeout or 5xx) like the help desk does.
   */
  search(text: string, locale: Locale, limit: number): Promise<readonly SuggestedArticle[]>;
}
