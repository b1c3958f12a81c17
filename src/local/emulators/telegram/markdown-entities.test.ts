import { describe, expect, it } from "vitest";
import { EntityParseError } from "./errors.js";
import { parseMarkdown, parseMarkdownV2 } from "./markdown-entities.js";

describe("parseMarkdownV2", () => {
  it("refuses an unescaped reserved character", () => {
    expect(() => parseMarkdownV2("Done.")).toThrow(
      new EntityParseError("Character '.' is reserved and must be escaped with the preceding '\\'"),
    );
  });

  it("refuses an unclosed entity with its byte offset", () => {
    expect(() => parseMarkdownV2("a *bold")).toThrow(
      new EntityParseError("Can't find end of Bold entity at byte offset 2"),
    );
  });

  it("parses bold, italic, underline, code and links, unescaping the rest", () => {
    const parsed = parseMarkdownV2("*b* _i_ __u__ `c` [site](https://example.com) 1\\.5");
    expect(parsed.text).toBe("b i u c site 1.5");
    expect(parsed.entities).toEqual([
      { type: "bold", offset: 0, length: 1 },
      { type: "italic", offset: 2, length: 1 },
      { type: "underline", offset: 4, length: 1 },
      { type: "code", offset: 6, length: 1 },
      { type: "text_link", offset: 8, length: 4, url: "https://example.com" },
    ]);
  });

  it("reads a pre block with its language", () => {
    expect(parseMarkdownV2("```ts\nconst x = 1;\n```").entities).toEqual([
      { type: "pre", offset: 0, length: 13, language: "ts" },
    ]);
  });

  it("turns lines starting with > into one blockquote", () => {
    const parsed = parseMarkdownV2(">one\n>two\nthree");
    expect(parsed.text).toBe("one\ntwo\nthree");
    expect(parsed.entities).toEqual([{ type: "blockquote", offset: 0, length: 8 }]);
  });
});

describe("parseMarkdown (legacy)", () => {
  it("parses *bold* and [links](url) and leaves dots alone", () => {
    expect(parseMarkdown("*Hi* [x](https://e.com).")).toEqual({
      text: "Hi x.",
      entities: [
        { type: "bold", offset: 0, length: 2 },
        { type: "text_link", offset: 3, length: 1, url: "https://e.com" },
      ],
    });
  });

  it("refuses an unclosed entity", () => {
    expect(() => parseMarkdown("a _b")).toThrow(
      new EntityParseError("Can't find end of the entity starting at byte offset 2"),
    );
  });
});
