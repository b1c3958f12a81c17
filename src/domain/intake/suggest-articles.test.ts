import { describe, expect, it } from "vitest";
import { HelpDeskUnavailable } from "../../ports/help-desk.js";
import type { KnowledgeBase } from "../../ports/knowledge-base.js";
import type { SuggestedArticle } from "../events.js";
import { articleSuggestions } from "./suggest-articles.js";

const article = (n: number): SuggestedArticle => ({ title: `A${n}`, url: `https://help.example.com/${n}` });

describe("articleSuggestions", () => {
  it("asks for maxArticles in the customer's locale and keeps no more", async () => {
    const asked: unknown[] = [];
    const knowledgeBase: KnowledgeBase = {
      search: async (...args) => {
        asked.push(args);
        return [article(1), article(2), article(3)];
      },
    };
    const find = articleSuggestions({ knowledgeBase, maxArticles: 2, onFailure: () => undefined });
    expect(await find("parcel late", "ru")).toEqual([article(1), article(2)]);
    expect(asked).toEqual([["parcel late", "ru", 2]]);
  });

  it("finds nothing, and says why, when the knowledge base fails", async () => {
    const failures: unknown[] = [];
    const error = new HelpDeskUnavailable("timed out");
    const find = articleSuggestions({
      knowledgeBase: { search: () => Promise.reject(error) },
      maxArticles: 3,
      onFailure: (e) => failures.push(e),
    });
    expect(await find("parcel late", "en")).toEqual([]);
    expect(failures).toEqual([error]);
  });
});
