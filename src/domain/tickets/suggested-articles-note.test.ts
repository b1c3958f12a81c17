import { describe, expect, it } from "vitest";
import { suggestedArticlesNote } from "./suggested-articles-note.js";

describe("suggestedArticlesNote", () => {
  it("lists each offered article with its link", () => {
    expect(
      suggestedArticlesNote([
        { title: "Where is my order?", url: "https://help.example.com/hc/en-us/articles/1" },
        { title: "Returns", url: "https://help.example.com/hc/en-us/articles/2" },
      ]),
    ).toBe(
      "Help Center articles offered in Telegram before this ticket (the customer still needed help):\n" +
        "- Where is my order?: https://help.example.com/hc/en-us/articles/1\n" +
        "- Returns: https://help.example.com/hc/en-us/articles/2",
    );
  });

  it("is absent when no article was offered (and for events from before the feature)", () => {
    expect(suggestedArticlesNote([])).toBeUndefined();
    expect(suggestedArticlesNote(undefined)).toBeUndefined();
  });
});
