import type { SuggestedArticle } from "../events.js";

/** Tells the agent which Help Center articles the customer saw and found no answer in. */
export function suggestedArticlesNote(articles: readonly SuggestedArticle[] | undefined): string | undefined {
  if (!articles?.length) return undefined;
  return [
    "Help Center articles offered in Telegram before this ticket (the customer still needed help):",
    ...articles.map((article) => `- ${article.title}: ${article.url}`),
  ].join("\n");
}
