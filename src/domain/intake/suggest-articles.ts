import type { KnowledgeBase } from "../../ports/knowledge-base.js";
import type { Locale, SuggestedArticle } from "../events.js";

export interface ArticleSuggestionDeps {
  knowledgeBase: KnowledgeBase;
  maxArticles: number;
  /** Told when the search failed or timed out; the customer goes on to the summary regardless. */
  onFailure: (error: unknown) => void;
}

/**
 * Looks up articles for a description without ever holding up the form: a failed or slow knowledge base
 * counts as "nothing found".
 */
export function articleSuggestions(deps: ArticleSuggestionDeps) {
  return async (text: string, locale: Locale): Promise<readonly SuggestedArticle[]> => {
    try {
      return (await deps.knowledgeBase.search(text, locale, deps.maxArticles)).slice(0, deps.maxArticles);
    } catch (error) {
      deps.onFailure(error);
      return [];
    }
  };
}
